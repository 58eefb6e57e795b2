package dev.hydra.app.cli;

import dev.hydra.app.AppComposition;
import dev.hydra.app.AppInfo;
import dev.hydra.app.desktop.Desktop;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** {@code hydra}: without a subcommand it opens the window. */
@Command(name = "hydra", mixinStandardHelpOptions = true, versionProvider = HydraCommand.Version.class,
        description = "Hydra Control: a control plane for a home AI cluster. Without a command, opens the window.",
        subcommands = {StatusCommand.class, DoctorCommand.class, TrustHostCommand.class, QueueCommand.class,
                ServeCommand.class, MetadataCommand.class, ReviewCommand.class, ChatCommand.class,
                CommandLine.HelpCommand.class})
public final class HydraCommand implements Callable<Integer> {

    private final AppComposition app;

    public HydraCommand(AppComposition app) {
        this.app = app;
    }

    /**
     * The command line with subcommands built around one composition root: a command class with a constructor
     * taking {@link AppComposition} gets it; others are made by picocli's default factory.
     */
    public static CommandLine commandLine(AppComposition app) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                try {
                    var constructor = type.getDeclaredConstructor(AppComposition.class);
                    constructor.setAccessible(true);
                    return constructor.newInstance(app);
                } catch (NoSuchMethodException e) {
                    return CommandLine.defaultFactory().create(type);
                }
            }
        };
        // "@file" is ours (hydra queue add --payload @job.json), not picocli's argument-file expansion.
        return new CommandLine(new HydraCommand(app), factory).setExpandAtFiles(false);
    }

    @Override
    public Integer call() {
        return Desktop.run(app);
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {AppInfo.NAME + " " + AppInfo.version(),
                    "Java " + Runtime.version() + " (" + System.getProperty("java.vendor", "") + ")"};
        }
    }
}
