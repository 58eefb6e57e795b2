package dev.hydra.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code hydra review import|stats|export}: the asset library and its decisions from the command line. */
@Command(name = "review", description = "The asset library and review decisions.", mixinStandardHelpOptions = true,
        subcommands = {ReviewImportCommand.class, ReviewComfyImportCommand.class, ReviewStatsCommand.class,
                ReviewExportCommand.class,
                CommandLine.HelpCommand.class})
final class ReviewCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
