package dev.hydra.app.cli;

import dev.hydra.app.AppComposition;
import dev.hydra.services.json.Json;
import dev.hydra.services.review.ReviewStats;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hydra review stats [--json]}: counts by state, checkpoint and character. */
@Command(name = "stats", description = "Count images by state, checkpoint and character.",
        mixinStandardHelpOptions = true)
final class ReviewStatsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON object (fields in docs/cli.md).")
    private boolean json;

    private final AppComposition app;

    ReviewStatsCommand(AppComposition app) {
        this.app = app;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ReviewStats stats = app.assets().stats();
        if (json) {
            out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(stats));
        } else {
            out.printf("%d images: %d pending, %d accepted, %d rejected%n", stats.total(),
                    stats.byState().get("pending"), stats.byState().get("accepted"), stats.byState().get("rejected"));
            table(out, "checkpoint", stats.byCheckpoint());
            table(out, "character", stats.byCharacter());
        }
        out.flush();
        return 0;
    }

    private static void table(PrintWriter out, String title, Map<String, Map<String, Long>> rows) {
        if (rows.isEmpty()) {
            return;
        }
        out.printf("%n%-48s %8s %8s %8s %8s%n", title, "pending", "accepted", "rejected", "accept%");
        rows.forEach((name, counts) -> {
            long accepted = counts.get("accepted");
            long decided = accepted + counts.get("rejected");
            out.printf("%-48s %8d %8d %8d %8s%n", name.length() > 48 ? name.substring(0, 47) + "…" : name,
                    counts.get("pending"), accepted, counts.get("rejected"),
                    decided == 0 ? "-" : Math.round(100.0 * accepted / decided) + "%");
        });
    }
}
