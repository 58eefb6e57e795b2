package dev.hydra.services.queue;

import java.util.List;

/** The job types the application knows. */
public final class JobTypes {

    public static final String IMAGE_GENERATION = "image_generation";
    public static final String LLM_TASK = "llm_task";
    public static final String WEBHOOK = "webhook";
    public static final String MAINTENANCE = "maintenance";
    public static final String LETTA_MESSAGE = "letta_message";

    public static final List<String> ALL = List.of(IMAGE_GENERATION, LLM_TASK, WEBHOOK, MAINTENANCE, LETTA_MESSAGE);

    private JobTypes() {
    }
}
