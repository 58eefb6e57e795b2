package dev.hydra.services.host;

/**
 * A mounted filesystem, counted as df counts it: used = size - free; available = what non-root users may still
 * write (reserved blocks excluded), so used + available can be less than the size.
 */
public record DiskUsage(String mount, String fsType, long totalBytes, long usedBytes, long availableBytes) {

    /** The share df prints as Use%: used / (used + available). */
    public Double usedPercent() {
        return HostMetrics.percent(usedBytes, usedBytes + availableBytes);
    }
}
