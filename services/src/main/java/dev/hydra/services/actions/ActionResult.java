package dev.hydra.services.actions;

/** How an action went: done, failed (with the error), or refused before anything was sent (with why). */
public record ActionResult(Outcome outcome, String message) {

    public enum Outcome { OK, FAILED, REFUSED }

    public boolean ok() {
        return outcome == Outcome.OK;
    }
}
