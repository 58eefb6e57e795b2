package dev.hydra.services.gpu;

/** Reads the GPUs of one node. Blocking; never throws: failures are reported in the {@link GpuReport#status()}. */
public interface GpuTelemetrySource {

    GpuReport read();
}
