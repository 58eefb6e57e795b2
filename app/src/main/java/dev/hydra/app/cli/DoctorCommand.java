package dev.hydra.app.cli;

import dev.hydra.app.AppComposition;
import dev.hydra.app.AppInfo;
import dev.hydra.services.diagnostics.Finding;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code hydra doctor}: checks the configuration and everything it points at; exit code 0 only when all is well. */
@Command(name = "doctor", description = "Check hydra.yaml and every configured endpoint, and say how to fix problems.",
        mixinStandardHelpOptions = true)
final class DoctorCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    private final AppComposition app;

    DoctorCommand(AppComposition app) {
        this.app = app;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%s %s doctor%n", AppInfo.NAME, AppInfo.version());
        out.printf("config  %s%n", app.paths().configFile());
        out.printf("data    %s%n%n", app.paths().dataDir());
        List<Finding> findings = new Doctor(app).run();
        for (Finding finding : findings) {
            String label = finding.severity() == Finding.Severity.PROBLEM ? "PROBLEM"
                    : finding.severity().name().toLowerCase(Locale.ROOT);
            out.printf("  %-8s %-9s %s%n", label, finding.area(), finding.message());
            if (finding.fix() != null) {
                out.printf("  %-8s %-9s fix: %s%n", "", "", finding.fix());
            }
        }
        long problems = findings.stream().filter(Finding::isProblem).count();
        out.println();
        out.println(problems == 0 ? "All is well." : problems + (problems == 1 ? " problem" : " problems") + " found.");
        out.flush();
        return problems == 0 ? 0 : 1;
    }
}
