package dev.hydra.services.metadata;

/**
 * One decoded text entry of an image.
 *
 * @param keyword "prompt", "workflow", "parameters", "UserComment", ...
 * @param type    the carrier: tEXt, zTXt, iTXt, or EXIF
 */
record TextChunk(String keyword, String text, String type) {
}
