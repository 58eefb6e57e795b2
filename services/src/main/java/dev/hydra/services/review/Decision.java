package dev.hydra.services.review;

import java.time.Instant;
import java.util.Set;

/**
 * One committed decision on an asset (or the undo of one).
 *
 * @param state         the state the asset was put in
 * @param previousState the state it had before, to which an undo returns
 * @param actor         "user", or "auto:RULE" for an auto-reject rule
 * @param undoes        for an undo, the decision it reverted; otherwise null
 */
public record Decision(long id, long assetId, String fileName, ReviewState state, Integer rating, Set<String> reasons,
        Instant decidedAt, String actor, ReviewState previousState, Long undoes) {

    public Decision {
        reasons = Set.copyOf(reasons);
    }
}
