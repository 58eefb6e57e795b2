package dev.hydra.app.cli;

import dev.hydra.app.AppComposition;
import dev.hydra.services.comfy.ComfyException;
import dev.hydra.services.comfy.ComfyUiClient;
import dev.hydra.services.config.QueueConfig;
import dev.hydra.services.diagnostics.Finding;
import dev.hydra.services.llm.ChatCompletionsClient;
import dev.hydra.services.llm.LlmException;
import dev.hydra.services.queue.JobQueue;
import dev.hydra.services.queue.JobState;
import dev.hydra.services.store.DatabaseException;
import dev.hydra.services.transport.http.HttpClients;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@code hydra doctor}'s checks for the queue and what its jobs talk to: ComfyUI, the LLM endpoint, the asset folder. */
final class QueueDoctor {

    private final AppComposition app;

    QueueDoctor(AppComposition app) {
        this.app = app;
    }

    List<Finding> run() {
        List<Finding> findings = new ArrayList<>();
        findings.add(queue());
        findings.addAll(schedules());
        findings.add(assets());
        if (app.config().comfyui() != null) {
            findings.add(comfyui());
        }
        if (app.config().llm() != null) {
            findings.add(llm());
        }
        return findings;
    }

    private Finding queue() {
        try {
            JobQueue queue = app.jobs();
            int waiting = queue.list(List.of(JobState.PENDING, JobState.WAITING_FOR_RESOURCES, JobState.RETRYING),
                    null, 10_000).size();
            int running = queue.list(List.of(JobState.RUNNING), null, 10_000).size();
            QueueConfig config = app.config().queue();
            return Finding.ok("queue", waiting + " queued, " + running + " running; at most " + config.concurrency()
                    + " at once, GPU jobs below " + Math.round(config.utilizationCeiling()) + " % with "
                    + config.minFreeVramGb() + " GB free" + (queue.isPaused() ? "; PAUSED (hydra queue resume)" : ""));
        } catch (DatabaseException e) {
            return Finding.problem("queue", "the queue needs the database: " + e.getMessage(),
                    "fix the database problem above");
        }
    }

    private List<Finding> schedules() {
        List<Finding> findings = new ArrayList<>();
        List<String> known = List.of("image_generation", "llm_task", "webhook", "maintenance", "letta_message");
        app.config().queue().schedules().forEach((name, schedule) -> {
            if (!known.contains(schedule.type())) {
                findings.add(Finding.problem("schedules", "schedule " + name + " queues type '" + schedule.type()
                        + "', which does not exist", "use one of " + String.join(", ", known)));
            }
        });
        if (findings.isEmpty() && !app.config().queue().schedules().isEmpty()) {
            findings.add(Finding.ok("schedules", String.join(", ", app.config().queue().schedules().keySet())));
        }
        return findings;
    }

    private Finding assets() {
        Path dir = app.assetDir();
        try {
            Files.createDirectories(dir);
            Files.delete(Files.createTempFile(dir, ".doctor", ".tmp"));
            return Finding.ok("assets", "generated images go to " + dir);
        } catch (IOException e) {
            return Finding.problem("assets", dir + " is not writable: " + e.getMessage(),
                    "fix the permissions or set queue.assetDir in hydra.yaml");
        }
    }

    private Finding comfyui() {
        String url = app.config().comfyui().url();
        try {
            var stats = new ComfyUiClient(url, HttpClients.withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(8)))
                    .systemStats();
            return Finding.ok("comfyui", "ComfyUI " + stats.path("system").path("comfyui_version").asText("?")
                    + " at " + url + " on " + stats.path("devices").path(0).path("name").asText("an unknown device"));
        } catch (ComfyException e) {
            return Finding.problem("comfyui", e.getMessage(), "start ComfyUI (with --listen if it runs on another "
                    + "machine) or correct comfyui.url in hydra.yaml; image jobs retry until it answers");
        }
    }

    private Finding llm() {
        String url = app.config().llm().url();
        try {
            List<String> models = new ChatCompletionsClient(url, HttpClients.withTimeouts(Duration.ofSeconds(5),
                    Duration.ofSeconds(8)), app.environment().get("HYDRA_LLM_API_KEY")).models();
            String model = app.config().llm().model();
            if (model != null && !models.isEmpty() && !models.contains(model)) {
                return Finding.problem("llm", url + " does not serve model " + model + "; it serves "
                        + String.join(", ", models.subList(0, Math.min(8, models.size()))),
                        "set llm.model to one of those");
            }
            return Finding.ok("llm", url + " serves " + models.size() + " model(s)");
        } catch (LlmException e) {
            return Finding.problem("llm", e.getMessage(), "start the endpoint or correct llm.url; the API key, if "
                    + "any, comes from HYDRA_LLM_API_KEY");
        }
    }
}
