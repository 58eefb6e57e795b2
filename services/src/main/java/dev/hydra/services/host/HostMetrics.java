package dev.hydra.services.host;

import java.util.List;

/**
 * One reading of a machine's vital signs. Nullable numbers mean "not reported by this OS or source".
 *
 * @param cpuPercent     busy share of all cores over the last sampling window, 0–100
 * @param perCorePercent busy share per logical core, 0–100
 * @param load1          1-minute load average (null on Windows)
 */
public record HostMetrics(
        String hostname,
        String os,
        String cpuModel,
        Integer logicalCores,
        Double cpuPercent,
        List<Double> perCorePercent,
        Double load1,
        Double load5,
        Double load15,
        Long memoryTotalBytes,
        Long memoryUsedBytes,
        Long swapTotalBytes,
        Long swapUsedBytes,
        List<DiskUsage> disks,
        List<NetworkRate> network,
        Long uptimeSeconds) {

    public HostMetrics {
        perCorePercent = List.copyOf(perCorePercent);
        disks = List.copyOf(disks);
        network = List.copyOf(network);
    }

    /** Receive rate summed over physical interfaces (virtual bridges and veths would double count). */
    public Double networkRxBytesPerSecond() {
        return network.stream().filter(NetworkRate::physical).mapToDouble(NetworkRate::rxBytesPerSecond).sum();
    }

    public Double networkTxBytesPerSecond() {
        return network.stream().filter(NetworkRate::physical).mapToDouble(NetworkRate::txBytesPerSecond).sum();
    }

    public Double memoryPercent() {
        return percent(memoryUsedBytes, memoryTotalBytes);
    }

    static Double percent(Long used, Long total) {
        return used == null || total == null || total == 0 ? null : 100.0 * used / total;
    }
}
