package dev.hydra.services.gpu;

/** A compute process on a GPU. {@code usedMemoryMiB} is null where the driver does not report it (Windows WDDM). */
public record GpuProcess(String gpuUuid, long pid, String name, Long usedMemoryMiB) {
}
