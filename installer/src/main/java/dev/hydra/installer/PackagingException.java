package dev.hydra.installer;

/** A packaging step failed; the message says which and what to do. */
public final class PackagingException extends RuntimeException {

    PackagingException(String message) {
        super(message);
    }

    PackagingException(String message, Throwable cause) {
        super(message, cause);
    }
}
