package dev.hydra.app.cli;

import dev.hydra.app.AppComposition;
import dev.hydra.services.review.ComfyHistoryImporter;
import dev.hydra.services.review.ComfyHistorySource;
import dev.hydra.services.review.ImportReport;
import dev.hydra.services.review.IndexOutcome;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hydra review import-comfyui}: download the images of comfyui.url's recent history (exact bytes through
 * /view, so their metadata survives) into the data directory and add them to the library. Safe to repeat: what was
 * fetched before is not fetched again.
 */
@Command(name = "import-comfyui", description = "Import the images of the configured ComfyUI server's recent history.",
        mixinStandardHelpOptions = true)
final class ReviewComfyImportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--max", description = "How many of the newest history entries to look at (default: ${DEFAULT-VALUE}).",
            defaultValue = "200")
    private int maxItems;

    private final AppComposition app;

    ReviewComfyImportCommand(AppComposition app) {
        this.app = app;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<ComfyHistorySource> server = app.comfyHistory();
        if (server.isEmpty()) {
            err.println("No ComfyUI server is configured: set comfyui.url in " + app.paths().configFile());
            return 3;
        }
        ImportReport report;
        try {
            report = new ComfyHistoryImporter(app.assets(), app.paths().dataDir().resolve("comfyui"))
                    .importHistory(server.get(), maxItems);
        } catch (IOException e) {
            err.println("Cannot read the history of " + server.get().serverName() + ": " + e.getMessage());
            return 1;
        }
        out.printf("%s: %d new, %d already in the library, %d skipped (previews), %d could not be fetched%n",
                server.get().serverName(), report.added(), report.duplicates(), report.skipped(),
                report.failed().size());
        for (IndexOutcome failed : report.failed()) {
            out.printf("  %s: %s%n", failed.file(), failed.message());
        }
        out.flush();
        return report.failed().isEmpty() ? 0 : 2;
    }
}
