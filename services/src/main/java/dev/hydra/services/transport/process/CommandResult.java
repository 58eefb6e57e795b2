package dev.hydra.services.transport.process;

import java.time.Duration;

/** What a finished (or killed) command left behind. */
public record CommandResult(int exitCode, String stdout, String stderr, boolean timedOut, Duration elapsed) {

    public boolean succeeded() {
        return !timedOut && exitCode == 0;
    }

    /** The first non-blank line of stdout or stderr, for error messages. */
    public String firstOutputLine() {
        for (String text : new String[] {stdout, stderr}) {
            for (String line : text.split("\\R")) {
                if (!line.isBlank()) {
                    return line.strip();
                }
            }
        }
        return "";
    }
}
