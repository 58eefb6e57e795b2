package dev.hydra.services.learning;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** The comparisons, append-only, in the application's database (table review_comparison). */
public final class Comparisons {

    private final Jdbi jdbi;
    private final Clock clock;

    public Comparisons(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Stores a judgement and commits it before returning. */
    public Comparison record(long betterId, long worseId, String actor) {
        if (betterId == worseId) {
            throw new IllegalArgumentException("an image cannot be compared with itself");
        }
        OffsetDateTime at = clock.instant().atOffset(ZoneOffset.UTC);
        long id = jdbi.withHandle(h -> h.createUpdate("insert into review_comparison (better_id, worse_id, decided_at, "
                        + "actor) values (:better, :worse, :at, :actor)")
                .bind("better", betterId).bind("worse", worseId).bind("at", at).bind("actor", actor)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        return new Comparison(id, betterId, worseId, at.toInstant(), actor);
    }

    /** Every comparison, oldest first. */
    public List<Comparison> all() {
        return jdbi.withHandle(h -> h.createQuery("select id, better_id, worse_id, decided_at, actor from "
                        + "review_comparison order by id")
                .map((rs, ctx) -> new Comparison(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getString(5)))
                .list());
    }
}
