package dev.hydra.services.learning;

/**
 * Acceptance of one factor level, overall or for one character.
 *
 * @param enoughEvidence at least {@code learning.minEvidence} decisions: below it the level is shown as "not enough
 *                       evidence" and never recommended or avoided
 */
public record LevelStats(Factor factor, BetaPosterior posterior, boolean enoughEvidence) {
}
