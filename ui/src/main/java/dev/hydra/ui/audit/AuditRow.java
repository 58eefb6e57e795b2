package dev.hydra.ui.audit;

/** One audit log entry as the table shows it. */
public record AuditRow(long id, String when, String actor, String action, String target, String outcome, String detail) {
}
