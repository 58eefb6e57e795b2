package dev.hydra.ui.common;

/**
 * A message across the top of the window about something the user should fix (a broken hydra.yaml, an
 * unavailable database), with what to do about it.
 */
public record Banner(Kind kind, String title, String text) {

    public enum Kind { WARNING, DANGER }
}
