package dev.hydra.services.host;

/** A mounted filesystem. Used bytes count what is not available to users (as df does). */
public record DiskUsage(String mount, String fsType, long totalBytes, long usedBytes) {

    public Double usedPercent() {
        return HostMetrics.percent(usedBytes, totalBytes);
    }
}
