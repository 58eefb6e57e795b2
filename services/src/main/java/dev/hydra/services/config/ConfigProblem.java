package dev.hydra.services.config;

import java.nio.file.Path;

/**
 * Why hydra.yaml could not be used, pinned to a place in the file.
 *
 * @param line   1-based line, 0 when unknown
 * @param column 1-based column, 0 when unknown
 * @param fix    how to fix it, in one sentence
 */
public record ConfigProblem(Path file, int line, int column, String message, String fix) {

    /** "file:line:column: message", the form editors and terminals link to. */
    public String describe() {
        StringBuilder text = new StringBuilder(file.toString());
        if (line > 0) {
            text.append(':').append(line);
            if (column > 0) {
                text.append(':').append(column);
            }
        }
        return text.append(": ").append(message).toString();
    }
}
