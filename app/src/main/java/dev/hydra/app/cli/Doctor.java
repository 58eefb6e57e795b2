package dev.hydra.app.cli;

import dev.hydra.app.AppComposition;
import dev.hydra.services.cluster.SourceStatus;
import dev.hydra.services.config.ConfigProblem;
import dev.hydra.services.config.LoadedConfig;
import dev.hydra.services.diagnostics.Finding;
import dev.hydra.services.gpu.Gpu;
import dev.hydra.services.gpu.GpuReport;
import dev.hydra.services.host.HostMetrics;
import dev.hydra.services.host.OshiHostMetricsSource;
import dev.hydra.services.store.Database;
import dev.hydra.services.store.DatabaseException;
import dev.hydra.ui.common.Formats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The checks behind {@code hydra doctor}, in the order a person would look. */
final class Doctor {

    private final AppComposition app;

    Doctor(AppComposition app) {
        this.app = app;
    }

    List<Finding> run() {
        List<Finding> findings = new ArrayList<>();
        findings.add(config());
        findings.add(directory("data", app.paths().dataDir()));
        findings.add(directory("logs", app.paths().logDir()));
        findings.add(database());
        findings.add(host());
        if (app.config().localNode().enabled()) {
            findings.add(gpus());
        }
        findings.addAll(review());
        findings.addAll(learning());
        findings.addAll(new ClusterDoctor(app).run());
        findings.addAll(new QueueDoctor(app).run());
        findings.addAll(new LettaChecks(app).run());
        return findings;
    }

    private Finding config() {
        LoadedConfig loaded = app.loadedConfig();
        if (loaded.problem().isPresent()) {
            ConfigProblem problem = loaded.problem().get();
            return Finding.problem("config", problem.describe(), problem.fix());
        }
        return loaded.fileExists()
                ? Finding.ok("config", "hydra.yaml read: refresh every " + Formats.duration(app.config().refreshInterval()))
                : Finding.ok("config", "no hydra.yaml, so the embedded default is in use (this machine, H2 database); "
                        + "create " + loaded.file() + " to add settings");
    }

    private static Finding directory(String area, Path dir) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".doctor", ".tmp");
            Files.delete(probe);
            return Finding.ok(area, dir + " is writable");
        } catch (IOException e) {
            return Finding.problem(area, dir + " is not writable: " + e.getMessage(),
                    "fix the permissions, or set HYDRA_HOME to a directory you own");
        }
    }

    private Finding database() {
        try {
            Database database = app.database();
            return Finding.ok("database", database.description() + ", schema version " + database.schemaVersion());
        } catch (DatabaseException e) {
            String fix = app.config().database() == null
                    ? "another program may hold the file; check the data directory, or move it aside to start afresh"
                    : "check that the server runs and database.url/user in hydra.yaml; the password comes from "
                            + "HYDRA_DB_PASSWORD";
            return Finding.problem("database", e.getMessage(), fix);
        }
    }

    private static Finding host() {
        try {
            HostMetrics host = new OshiHostMetricsSource(java.time.Duration.ofMillis(200)).read();
            return Finding.ok("host", "this machine (" + host.hostname() + "): " + host.logicalCores() + " cores, "
                    + Formats.bytes(host.memoryTotalBytes()) + " memory, " + host.disks().size()
                    + (host.disks().size() == 1 ? " disk" : " disks"));
        } catch (Exception e) {
            return Finding.problem("host", "cannot read this machine's metrics: " + e,
                    "report this with the log file from the logs directory");
        }
    }

    /** Every review folder and character reference image in hydra.yaml must be there and readable. */
    private List<Finding> review() {
        List<Finding> findings = new ArrayList<>();
        var review = app.config().review();
        for (String folder : review.folders()) {
            Path path = Path.of(folder);
            if (!Files.isDirectory(path)) {
                findings.add(Finding.problem("review", "review.folders: " + folder + " is not a folder",
                        "fix the path in hydra.yaml (ComfyUI's output folder is usually ComfyUI/output)"));
            } else if (!Files.isReadable(path)) {
                findings.add(Finding.problem("review", "review.folders: " + folder + " is not readable by this user",
                        "fix its permissions"));
            } else {
                findings.add(Finding.ok("review", folder + " will be indexed and watched"));
            }
        }
        for (var character : review.characters()) {
            if (character.reference() != null && !Files.isReadable(Path.of(character.reference()))) {
                findings.add(Finding.problem("review", "the reference image of " + character.name() + " ("
                        + character.reference() + ") cannot be read", "fix review.characters[].reference in hydra.yaml"));
            }
        }
        return findings;
    }

    /**
     * The learning section points at reject reasons (each negative-prompt entry answers one) and, for re-generation,
     * at ComfyUI: an entry no reason key produces, or a re-generation switch without comfyui.url, never takes effect.
     */
    private List<Finding> learning() {
        List<Finding> findings = new ArrayList<>();
        var learning = app.config().learning();
        var reasons = app.config().review().reasonKeys().values();
        for (String reason : learning.negativePrompts().keySet()) {
            if (!reasons.contains(reason)) {
                findings.add(new Finding(Finding.Severity.WARNING, "learning", "learning.negativePrompts." + reason
                        + ": no reject reason is called \"" + reason + "\", so these phrases are never suggested",
                        "use a reason of review.reasonKeys (" + String.join(", ", reasons) + ") or add a key for it"));
            }
        }
        var regenerate = learning.regenerate();
        if (app.config().comfyui() == null && (regenerate.onReject() || regenerate.applySettings()
                || regenerate.applyNegatives())) {
            findings.add(new Finding(Finding.Severity.WARNING, "learning", "learning.regenerate is set, but "
                    + "re-generation needs a ComfyUI server", "set comfyui.url in hydra.yaml"));
        }
        if (findings.isEmpty()) {
            findings.add(Finding.ok("learning", "a setting is compared after " + learning.minEvidence()
                    + " decisions; negative-prompt phrases for " + String.join(", ",
                    learning.negativePrompts().keySet())));
        }
        return findings;
    }

    private Finding gpus() {
        GpuReport report = app.localGpus().read();
        SourceStatus status = report.status();
        String names = report.gpus().stream().map(Gpu::name).collect(Collectors.joining(", "));
        return switch (status.state()) {
            case OK -> Finding.ok("gpus", report.gpus().size() + " GPU(s) via nvidia-smi: " + names);
            case ABSENT -> Finding.info("gpus", status.message());
            case DEGRADED -> new Finding(Finding.Severity.WARNING, "gpus", status.message(), null);
            case FAILED -> Finding.problem("gpus", status.message(), "run nvidia-smi in a terminal to see the driver's "
                    + "own error; set localNode.nvidiaSmi in hydra.yaml if it lives elsewhere");
        };
    }
}
