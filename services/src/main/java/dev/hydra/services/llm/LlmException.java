package dev.hydra.services.llm;

/**
 * The endpoint could not give an answer. Permanent when asking again cannot help (unknown model, bad request,
 * refused credentials); otherwise the endpoint was down, overloaded or broke off.
 */
public final class LlmException extends Exception {

    private final boolean permanent;

    public LlmException(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    public boolean isPermanent() {
        return permanent;
    }
}
