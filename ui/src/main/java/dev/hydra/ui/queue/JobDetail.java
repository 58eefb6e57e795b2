package dev.hydra.ui.queue;

import java.util.List;

/**
 * The detail pane's content for one job, formatted for display.
 *
 * @param lines  label/value pairs: state, reason, attempts, times, target, node, GPU, instance, remote id
 * @param events the timeline, one line each: time, what, where
 * @param files  output files (absolute paths)
 */
public record JobDetail(String id, String title, String type, String stateLabel, List<Line> lines, String payload,
        String outputText, List<String> files, List<String> events, String parentId, List<String> childIds,
        boolean canCancel, boolean canRetry, boolean canRunNow, boolean canBump) {

    public record Line(String label, String value) {
    }
}
