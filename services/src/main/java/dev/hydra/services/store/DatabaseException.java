package dev.hydra.services.store;

/** The database could not be opened or used; the message says which database and why. */
public final class DatabaseException extends Exception {

    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
