package dev.hydra.services.actions;

/**
 * How an action must be confirmed.
 *
 * @param mustType the exact text to type (a protected container's name), or null when a click is enough
 */
public record Requirement(String prompt, String mustType) {
}
