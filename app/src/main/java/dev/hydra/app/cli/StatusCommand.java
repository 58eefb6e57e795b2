package dev.hydra.app.cli;

import dev.hydra.app.AppComposition;
import dev.hydra.services.cluster.ClusterSnapshot;
import dev.hydra.services.cluster.SourceStatus;
import dev.hydra.services.json.Json;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hydra status [--json]}: one reading of every configured node. */
@Command(name = "status", description = "Read every configured node once and print what was found.",
        mixinStandardHelpOptions = true)
final class StatusCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON object (fields in docs/cli.md).")
    private boolean json;

    @Option(names = "--timeout", description = "How long to wait for each node, e.g. 10s (default: ${DEFAULT-VALUE}).",
            defaultValue = "15s", converter = DurationConverter.class)
    private Duration timeout;

    private final AppComposition app;

    StatusCommand(AppComposition app) {
        this.app = app;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        app.loadedConfig().problem().ifPresent(problem -> err.println("hydra.yaml is not usable, showing the embedded "
                + "default: " + problem.describe()));
        ClusterSnapshot snapshot = app.telemetry().collectOnce(timeout);
        if (json) {
            out.println(Json.mapper().writeValueAsString(StatusJson.of(snapshot)));
            out.flush();
        } else {
            StatusText.print(snapshot, out);
        }
        boolean allRead = snapshot.nodes().stream().allMatch(node -> node.reachable() && node.host() != null
                && node.sources().stream().allMatch(s -> s.state() != SourceStatus.State.FAILED))
                && (snapshot.alertSource() == null || snapshot.alertSource().state() != SourceStatus.State.FAILED);
        return allRead ? 0 : 3;
    }
}
