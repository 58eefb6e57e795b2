package dev.hydra.services.comfy;

import java.util.List;

/**
 * A finished prompt from {@code /history/{prompt_id}}.
 *
 * @param status   "success" or "error"
 * @param error    ComfyUI's error message when status is error (exception message, or "interrupted")
 * @param outputs  images (and other files) by output node; on error, whatever finished before it
 * @param cachedNodes nodes ComfyUI answered from its cache (all of them for a graph it ran before: no new file)
 */
public record HistoryEntry(String promptId, String status, boolean completed, List<OutputFile> outputs,
        String error, List<String> cachedNodes) {

    public HistoryEntry {
        outputs = List.copyOf(outputs);
        cachedNodes = List.copyOf(cachedNodes);
    }

    public boolean succeeded() {
        return "success".equals(status);
    }
}
