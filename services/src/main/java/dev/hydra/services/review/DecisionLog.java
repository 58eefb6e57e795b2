package dev.hydra.services.review;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Writes decisions. Each one is a single transaction that updates the asset's current state and appends a row to
 * the append-only log with the state it replaced, so a crash leaves either both or neither, and an undo can
 * restore exactly what was there.
 */
final class DecisionLog {

    private static final String DECISION_COLUMNS = "d.id, d.asset_id, a.path, d.state, d.rating, d.reasons, "
            + "d.decided_at, d.actor, d.prev_state, d.undoes";

    private final Jdbi jdbi;
    private final Clock clock;

    DecisionLog(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    private record Current(ReviewState state, Integer rating, String reasons, OffsetDateTime decidedAt,
            String decidedBy) {
    }

    Decision decide(long assetId, ReviewState state, Integer rating, Set<String> reasons, String actor) {
        return jdbi.inTransaction(h -> write(h, assetId, state, rating, reasons, actor, null));
    }

    List<Decision> decideAll(Collection<Long> assetIds, ReviewState state, String actor) {
        return jdbi.inTransaction(h -> {
            List<Decision> decisions = new ArrayList<>();
            for (long id : assetIds) {
                decisions.add(write(h, id, state, null, Set.of(), actor, null));
            }
            return decisions;
        });
    }

    Decision rate(long assetId, int rating) {
        if (rating < 1 || rating > 5) {
            throw new IllegalArgumentException("a rating is 1 to 5, got " + rating);
        }
        return jdbi.inTransaction(h -> {
            Current current = current(h, assetId);
            return write(h, assetId, current.state(), rating, Texts.split(current.reasons()), "user", null);
        });
    }

    Optional<Decision> undo(long decisionId) {
        return jdbi.inTransaction(h -> {
            Optional<Undoable> target = h.createQuery("select asset_id, prev_state, prev_rating, prev_reasons, "
                            + "prev_decided_at, prev_decided_by from review_decision where id = :id")
                    .bind("id", decisionId)
                    .map((rs, ctx) -> new Undoable(rs.getLong(1), ReviewState.fromLabel(rs.getString(2)),
                            AssetRows.integer(rs, "prev_rating"), rs.getString(4),
                            rs.getObject(5, OffsetDateTime.class), rs.getString(6)))
                    .findOne();
            if (target.isEmpty() || head(h, target.get().assetId()) != decisionId) {
                return Optional.empty();
            }
            Undoable before = target.get();
            lock(h, before.assetId());
            Current replaced = current(h, before.assetId());
            h.createUpdate("update asset set state = :state, rating = :rating, reasons = :reasons, "
                            + "decided_at = :at, decided_by = :by where id = :id")
                    .bind("state", before.state().label()).bind("rating", before.rating())
                    .bind("reasons", before.reasons()).bind("at", before.decidedAt()).bind("by", before.decidedBy())
                    .bind("id", before.assetId()).execute();
            long id = insert(h, before.assetId(), before.state(), before.rating(), before.reasons(),
                    now(), "user", decisionId, replaced);
            return Optional.of(find(h, id));
        });
    }

    List<Decision> recent(int limit) {
        return jdbi.withHandle(h -> h.createQuery("select " + DECISION_COLUMNS + " from review_decision d "
                        + "join asset a on a.id = d.asset_id order by d.id desc limit :limit")
                .bind("limit", limit).map((rs, ctx) -> AssetRows.decision(rs)).list());
    }

    private record Undoable(long assetId, ReviewState state, Integer rating, String reasons, OffsetDateTime decidedAt,
            String decidedBy) {
    }

    private Decision write(Handle h, long assetId, ReviewState state, Integer rating, Set<String> reasons,
            String actor, Long undoes) {
        lock(h, assetId);
        Current before = current(h, assetId);
        Integer newRating = rating == null ? before.rating() : rating;
        String newReasons = state == ReviewState.PENDING ? null : Texts.join(reasons);
        OffsetDateTime at = state == ReviewState.PENDING ? null : now();
        h.createUpdate("update asset set state = :state, rating = :rating, reasons = :reasons, decided_at = :at, "
                        + "decided_by = :by where id = :id")
                .bind("state", state.label()).bind("rating", newRating).bind("reasons", newReasons).bind("at", at)
                .bind("by", state == ReviewState.PENDING ? null : actor).bind("id", assetId).execute();
        long id = insert(h, assetId, state, newRating, newReasons, now(), actor, undoes, before);
        return find(h, id);
    }

    private long insert(Handle h, long assetId, ReviewState state, Integer rating, String reasons, OffsetDateTime at,
            String actor, Long undoes, Current before) {
        return h.createUpdate("insert into review_decision (asset_id, state, rating, reasons, decided_at, actor, "
                        + "undoes, prev_state, prev_rating, prev_reasons, prev_decided_at, prev_decided_by) values "
                        + "(:asset, :state, :rating, :reasons, :at, :actor, :undoes, :prevState, :prevRating, "
                        + ":prevReasons, :prevAt, :prevBy)")
                .bind("asset", assetId).bind("state", state.label()).bind("rating", rating).bind("reasons", reasons)
                .bind("at", at).bind("actor", actor).bind("undoes", undoes)
                .bind("prevState", before.state().label()).bind("prevRating", before.rating())
                .bind("prevReasons", before.reasons()).bind("prevAt", before.decidedAt())
                .bind("prevBy", before.decidedBy())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    /** Takes the asset row's lock, so two windows deciding the same image at once are serialised. */
    private static void lock(Handle h, long assetId) {
        h.createQuery("select id from asset where id = :id for update").bind("id", assetId).mapTo(Long.class)
                .findOne().orElseThrow(() -> new NoSuchElementException("no asset " + assetId));
    }

    private static Current current(Handle h, long assetId) {
        return h.createQuery("select state, rating, reasons, decided_at, decided_by from asset where id = :id")
                .bind("id", assetId)
                .map((rs, ctx) -> new Current(ReviewState.fromLabel(rs.getString(1)), AssetRows.integer(rs, "rating"),
                        rs.getString(3), rs.getObject(4, OffsetDateTime.class), rs.getString(5)))
                .findOne().orElseThrow(() -> new NoSuchElementException("no asset " + assetId));
    }

    /** The decision an undo would revert now: replay the asset's log, an undo popping what it undid. */
    private static long head(Handle h, long assetId) {
        Deque<Long> stack = new ArrayDeque<>();
        h.createQuery("select id, undoes from review_decision where asset_id = :id order by id")
                .bind("id", assetId)
                .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getObject(2) == null ? -1 : rs.getLong(2)})
                .forEach(row -> {
                    if (row[1] < 0) {
                        stack.push(row[0]);
                    } else if (!stack.isEmpty() && stack.peek() == row[1]) {
                        stack.pop();
                    }
                });
        return stack.isEmpty() ? -1 : stack.peek();
    }

    private static Decision find(Handle h, long id) {
        return h.createQuery("select " + DECISION_COLUMNS + " from review_decision d join asset a on a.id = d.asset_id "
                        + "where d.id = :id")
                .bind("id", id).map((rs, ctx) -> AssetRows.decision(rs)).one();
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}
