package dev.hydra.services.chat;

/**
 * A Letta call failed. {@link #kind()} says what a person can do about it; the message is the server's own
 * ({@code detail}, {@code error.message}) or says what went wrong on the way.
 */
public final class ChatException extends RuntimeException {

    public enum Kind {
        /** No letta.url configured. */
        NOT_CONFIGURED,
        /** Connection refused, timed out, DNS, TLS. */
        UNREACHABLE,
        /** 401: no token, or the wrong one. */
        UNAUTHORIZED,
        /** 404: no such agent, block, passage, run or cursor. */
        NOT_FOUND,
        /** 409: the agent waits for an approval, or there is no run to cancel. */
        CONFLICT,
        /** 400/422: the server rejected the request. */
        REJECTED,
        /** 5xx, or an LLM provider error the server passed on (rate limit, timeout, ...). */
        SERVER_ERROR,
        /** The server answered something this client cannot read. */
        PROTOCOL
    }

    private final Kind kind;
    private final int status;

    public ChatException(Kind kind, int status, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
    }

    public ChatException(Kind kind, int status, String message) {
        this(kind, status, message, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status, or 0 when there was no response. */
    public int status() {
        return status;
    }
}
