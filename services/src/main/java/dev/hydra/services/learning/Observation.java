package dev.hydra.services.learning;

import java.time.Instant;
import java.util.Set;

/**
 * One decided image as learning sees it.
 *
 * @param decidedAt when the current decision was made (the time-ordered split sorts by it)
 * @param reasons   reject reasons (face, hands, ...)
 */
public record Observation(long assetId, Instant decidedAt, AssetFactors factors, boolean accepted,
        Set<String> reasons) {

    public Observation {
        reasons = Set.copyOf(reasons);
    }
}
