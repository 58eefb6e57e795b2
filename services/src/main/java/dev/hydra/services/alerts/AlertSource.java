package dev.hydra.services.alerts;

import java.io.IOException;
import java.time.Duration;

/** Firing alerts and silences. No HTTP type crosses this interface. */
public interface AlertSource {

    String SOURCE = "alertmanager";

    /** Every alert, silenced and inhibited ones included. Never throws: failures are in the status. */
    AlertReport read();

    /**
     * Silences exactly this alert (all of its labels must match) for {@code duration}.
     *
     * @return the new silence's id
     */
    String silence(Alert alert, Duration duration, String createdBy, String comment) throws IOException;

    /** Ends a silence now. A silence that does not exist (any more) is not an error. */
    void expire(String silenceId) throws IOException;
}
