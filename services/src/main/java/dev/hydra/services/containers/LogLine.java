package dev.hydra.services.containers;

/** One line of a container's log. {@code stderr} is false for TTY containers, whose streams are merged. */
public record LogLine(String text, boolean stderr) {
}
