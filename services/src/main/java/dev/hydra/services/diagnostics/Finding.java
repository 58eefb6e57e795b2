package dev.hydra.services.diagnostics;

/**
 * One result of a health check, as {@code hydra doctor} prints it.
 *
 * @param area    what was checked: "config", "database", "gpus", ...
 * @param message what was found
 * @param fix     how to fix it (null when nothing needs fixing)
 */
public record Finding(Severity severity, String area, String message, String fix) {

    public enum Severity {
        OK, INFO, WARNING, PROBLEM
    }

    public static Finding ok(String area, String message) {
        return new Finding(Severity.OK, area, message, null);
    }

    public static Finding info(String area, String message) {
        return new Finding(Severity.INFO, area, message, null);
    }

    public static Finding problem(String area, String message, String fix) {
        return new Finding(Severity.PROBLEM, area, message, fix);
    }

    public boolean isProblem() {
        return severity == Severity.PROBLEM;
    }
}
