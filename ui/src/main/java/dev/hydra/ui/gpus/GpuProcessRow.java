package dev.hydra.ui.gpus;

/** One process on a GPU, as its tile lists it; {@code container} is empty when it runs in none (or is unknown). */
public record GpuProcessRow(long pid, String name, String memoryText, String container) {
}
