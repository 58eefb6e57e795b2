package dev.hydra.ui.gpus;

/** One process on a GPU, as its tile lists it. */
public record GpuProcessRow(long pid, String name, String memoryText) {
}
