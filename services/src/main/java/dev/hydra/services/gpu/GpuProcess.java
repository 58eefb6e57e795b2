package dev.hydra.services.gpu;

/**
 * A compute process on a GPU. {@code usedMemoryMiB} is null where the driver does not report it (Windows WDDM);
 * {@code container} is the name of the container it runs in, when known (null otherwise).
 */
public record GpuProcess(String gpuUuid, long pid, String name, Long usedMemoryMiB, String container) {

    public GpuProcess(String gpuUuid, long pid, String name, Long usedMemoryMiB) {
        this(gpuUuid, pid, name, usedMemoryMiB, null);
    }

    public GpuProcess inContainer(String containerName) {
        return new GpuProcess(gpuUuid, pid, name, usedMemoryMiB, containerName);
    }
}
