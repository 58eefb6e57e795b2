package dev.hydra.ui.queue;

import dev.hydra.ui.common.PlannedFeature;
import dev.hydra.ui.common.PlannedFeatureView;

/** The Queue view. Not built yet: it says what it will be. */
public final class QueueView {

    static final PlannedFeature PLAN = new PlannedFeature("Queue",
            "The embedded scheduler's work: pending, waiting for resources, running, retrying, done, failed and "
                    + "cancelled jobs, with priorities, retries with backoff, cron schedules (monitoring at 06:00, "
                    + "research on Mondays, maintenance on Sundays, a morning briefing) and live progress. GPU jobs "
                    + "start only when their GPU is below the utilization ceiling and has the VRAM they need.",
            "Job types, schedules and endpoints (ComfyUI, OpenAI-compatible LLMs, webhooks, maintenance commands) "
                    + "will be set in hydra.yaml; the same scheduler will run headless on a server with "
                    + "'hydra serve', sharing a PostgreSQL database (database.url in hydra.yaml).");

    private QueueView() {
    }

    public static PlannedFeatureView create() {
        return new PlannedFeatureView(PLAN);
    }
}
