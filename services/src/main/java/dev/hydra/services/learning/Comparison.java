package dev.hydra.services.learning;

import java.time.Instant;

/** One side-by-side judgement: {@code betterId} was preferred to {@code worseId}. */
public record Comparison(long id, long betterId, long worseId, Instant decidedAt, String actor) {
}
