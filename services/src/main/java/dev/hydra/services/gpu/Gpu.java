package dev.hydra.services.gpu;

import java.util.List;

/**
 * One GPU as last reported, keyed by {@link #uuid()}. Every measurement is nullable: null means the source
 * reported "[N/A]", "[Not Supported]" or nothing at all, which is different from zero.
 *
 * @param defaultPowerLimitW the card's default power limit (what eco mode is a fraction of, and returns to)
 */
public record Gpu(
        int index,
        String uuid,
        String name,
        Integer utilizationPercent,
        Integer memoryUtilizationPercent,
        Long memoryUsedMiB,
        Long memoryTotalMiB,
        Long memoryFreeMiB,
        Integer temperatureC,
        Double powerDrawW,
        Double powerLimitW,
        Double enforcedPowerLimitW,
        Integer smClockMHz,
        Integer fanPercent,
        String pstate,
        String driverVersion,
        List<GpuProcess> processes,
        Double defaultPowerLimitW) {

    public Gpu {
        processes = List.copyOf(processes);
    }

    public Gpu(int index, String uuid, String name, Integer utilizationPercent, Integer memoryUtilizationPercent,
            Long memoryUsedMiB, Long memoryTotalMiB, Long memoryFreeMiB, Integer temperatureC, Double powerDrawW,
            Double powerLimitW, Double enforcedPowerLimitW, Integer smClockMHz, Integer fanPercent, String pstate,
            String driverVersion, List<GpuProcess> processes) {
        this(index, uuid, name, utilizationPercent, memoryUtilizationPercent, memoryUsedMiB, memoryTotalMiB,
                memoryFreeMiB, temperatureC, powerDrawW, powerLimitW, enforcedPowerLimitW, smClockMHz, fanPercent,
                pstate, driverVersion, processes, null);
    }

    public Gpu withProcesses(List<GpuProcess> newProcesses) {
        return new Gpu(index, uuid, name, utilizationPercent, memoryUtilizationPercent, memoryUsedMiB,
                memoryTotalMiB, memoryFreeMiB, temperatureC, powerDrawW, powerLimitW, enforcedPowerLimitW,
                smClockMHz, fanPercent, pstate, driverVersion, newProcesses, defaultPowerLimitW);
    }

    public Gpu withDefaultPowerLimitW(Double watts) {
        return new Gpu(index, uuid, name, utilizationPercent, memoryUtilizationPercent, memoryUsedMiB,
                memoryTotalMiB, memoryFreeMiB, temperatureC, powerDrawW, powerLimitW, enforcedPowerLimitW,
                smClockMHz, fanPercent, pstate, driverVersion, processes, watts);
    }

    /**
     * This reading with gaps filled from another reading of the same GPU (e.g. Prometheus figures completed by
     * nvidia-smi over SSH), taking the other's processes.
     */
    public Gpu completedBy(Gpu other) {
        return new Gpu(index, uuid, or(name, other.name), or(utilizationPercent, other.utilizationPercent),
                or(memoryUtilizationPercent, other.memoryUtilizationPercent), or(memoryUsedMiB, other.memoryUsedMiB),
                or(memoryTotalMiB, other.memoryTotalMiB), or(memoryFreeMiB, other.memoryFreeMiB),
                or(temperatureC, other.temperatureC), or(powerDrawW, other.powerDrawW), or(powerLimitW, other.powerLimitW),
                or(enforcedPowerLimitW, other.enforcedPowerLimitW), or(smClockMHz, other.smClockMHz),
                or(fanPercent, other.fanPercent), or(pstate, other.pstate), or(driverVersion, other.driverVersion),
                other.processes, or(defaultPowerLimitW, other.defaultPowerLimitW));
    }

    private static <T> T or(T mine, T theirs) {
        return mine != null ? mine : theirs;
    }
}
