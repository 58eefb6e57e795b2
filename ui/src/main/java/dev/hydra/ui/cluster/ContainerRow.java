package dev.hydra.ui.cluster;

/**
 * One container as the table shows it. Numbers are kept raw for sorting; the texts are what the cells print.
 *
 * @param cpuPercent   null when not known (not running, or stats not read yet)
 * @param uptimeSeconds seconds since start for running containers, else -1
 */
public record ContainerRow(String node, String id, String name, String project, String state, String health,
        String uptimeText, long uptimeSeconds, int restarts, Double cpuPercent, String cpuText, Long memoryBytes,
        String memoryText, String image, String ports, boolean protectedContainer) {

    boolean matches(String filter) {
        if (filter == null || filter.isBlank()) {
            return true;
        }
        String needle = filter.strip().toLowerCase();
        for (String field : new String[] {node, name, project, state, health, image, ports}) {
            if (field != null && field.toLowerCase().contains(needle)) {
                return true;
            }
        }
        return false;
    }

    public boolean running() {
        return "running".equals(state);
    }
}
