package dev.hydra.services.store;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** The append-only record of actions on the cluster. There is deliberately no update or delete. */
public final class AuditLog {

    private final Jdbi jdbi;
    private final Clock clock;

    public AuditLog(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    public long append(String actor, String action, String target, String detail, String outcome) {
        return jdbi.withHandle(h -> h.createUpdate("insert into audit_log (occurred_at, actor, action, target, detail, "
                        + "outcome) values (:at, :actor, :action, :target, :detail, :outcome)")
                .bind("at", clock.instant().atOffset(ZoneOffset.UTC))
                .bind("actor", actor).bind("action", action).bind("target", target)
                .bind("detail", detail).bind("outcome", outcome)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    /** The newest entries first. */
    public List<AuditEntry> recent(int limit) {
        return jdbi.withHandle(h -> h.createQuery("select id, occurred_at, actor, action, target, detail, outcome "
                        + "from audit_log order by id desc limit :limit")
                .bind("limit", limit)
                .map((rs, ctx) -> new AuditEntry(rs.getLong("id"),
                        rs.getObject("occurred_at", java.time.OffsetDateTime.class).toInstant(),
                        rs.getString("actor"), rs.getString("action"), rs.getString("target"),
                        rs.getString("detail"), rs.getString("outcome")))
                .list());
    }
}
