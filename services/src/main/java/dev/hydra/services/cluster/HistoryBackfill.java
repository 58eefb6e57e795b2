package dev.hydra.services.cluster;

import java.time.Duration;
import java.util.Map;

/** Supplies the recent past of history series (by {@link SeriesKey}) once, when telemetry starts. */
public interface HistoryBackfill {

    /** Past samples per series key for the last {@code window}; blocking; may throw when the source is down. */
    Map<String, TimeSeries> history(Duration window) throws Exception;
}
