package dev.hydra.services.gpu;

import java.util.List;

/**
 * One GPU as last reported, keyed by {@link #uuid()}. Every measurement is nullable: null means the source
 * reported "[N/A]", "[Not Supported]" or nothing at all, which is different from zero.
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
        List<GpuProcess> processes) {

    public Gpu {
        processes = List.copyOf(processes);
    }

    public Gpu withProcesses(List<GpuProcess> newProcesses) {
        return new Gpu(index, uuid, name, utilizationPercent, memoryUtilizationPercent, memoryUsedMiB,
                memoryTotalMiB, memoryFreeMiB, temperatureC, powerDrawW, powerLimitW, enforcedPowerLimitW,
                smClockMHz, fanPercent, pstate, driverVersion, newProcesses);
    }
}
