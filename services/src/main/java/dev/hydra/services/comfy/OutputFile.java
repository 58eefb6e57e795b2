package dev.hydra.services.comfy;

/**
 * A file a prompt produced, as history and {@code executed} events list it.
 *
 * @param type output, temp (previews) or input
 */
public record OutputFile(String nodeId, String filename, String subfolder, String type) {
}
