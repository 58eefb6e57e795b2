package dev.hydra.services.gpu;

import dev.hydra.services.cluster.SourceStatus;
import java.util.List;

/** The GPUs of one node and how reading them went. */
public record GpuReport(List<Gpu> gpus, SourceStatus status) {

    public GpuReport {
        gpus = List.copyOf(gpus);
    }
}
