package dev.hydra.services.comfy;

import java.util.List;

/**
 * A finished prompt from {@code /history/{prompt_id}}.
 *
 * @param status   "success" or "error"
 * @param error    ComfyUI's error message when status is error (exception message, or "interrupted")
 * @param outputs  images (and other files) by output node; on error, whatever finished before it
 */
public record HistoryEntry(String promptId, String status, boolean completed, List<OutputFile> outputs,
        String error) {

    public HistoryEntry {
        outputs = List.copyOf(outputs);
    }

    public boolean succeeded() {
        return "success".equals(status);
    }
}
