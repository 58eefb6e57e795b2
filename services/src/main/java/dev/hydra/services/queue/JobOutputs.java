package dev.hydra.services.queue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What a job produced.
 *
 * @param files  files saved (absolute paths), e.g. generated images in the asset folder
 * @param text   text produced: an LLM answer, a command's output, a webhook's response body
 * @param details structured facts about the run (HTTP status, exit code, seeds, model), or null
 */
public record JobOutputs(List<String> files, String text, JsonNode details) {

    public static final JobOutputs NONE = new JobOutputs(List.of(), null, null);

    public JobOutputs {
        files = files == null ? List.of() : List.copyOf(files);
    }

    public static JobOutputs text(String text) {
        return new JobOutputs(List.of(), text, null);
    }
}
