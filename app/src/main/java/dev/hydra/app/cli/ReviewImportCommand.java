package dev.hydra.app.cli;

import dev.hydra.app.AppComposition;
import dev.hydra.services.review.FolderImporter;
import dev.hydra.services.review.ImportReport;
import dev.hydra.services.review.IndexOutcome;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hydra review import DIR}: index a folder (subfolders included) and add it to the library's folders. */
@Command(name = "import", description = "Index every image under DIR (hash, size, metadata) and remember the folder; "
        + "the window then watches it for new files.", mixinStandardHelpOptions = true)
final class ReviewImportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "A folder of images, e.g. ComfyUI's output folder.")
    private Path folder;

    @Option(names = "--checks", description = "Also run the quality checks and make thumbnails now (otherwise the "
            + "window does it in the background).")
    private boolean checks;

    private final AppComposition app;

    ReviewImportCommand(AppComposition app) {
        this.app = app;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ImportReport report;
        try {
            report = new FolderImporter(app.assets()).importFolder(folder, outcome -> { });
        } catch (java.io.IOException e) {
            err.println("Cannot import " + folder + ": " + e.getMessage());
            return 1;
        }
        out.printf("%s: %d new, %d already in the library, %d could not be read%n", folder.toAbsolutePath().normalize(),
                report.added(), report.duplicates(), report.failed().size());
        for (IndexOutcome failed : report.failed()) {
            out.printf("  %s: %s%n", failed.file(), failed.message());
        }
        if (checks) {
            int checked = app.analyzer(id -> { }).analyzePending();
            out.printf("Quality checks: %d checked%n", checked);
        }
        out.flush();
        return report.failed().isEmpty() ? 0 : 2;
    }
}
