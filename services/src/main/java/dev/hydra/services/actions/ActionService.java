package dev.hydra.services.actions;

import dev.hydra.services.actions.ActionResult.Outcome;
import dev.hydra.services.actions.ClusterAction.ExpireSilence;
import dev.hydra.services.actions.ClusterAction.GpuEcoMode;
import dev.hydra.services.actions.ClusterAction.RestartContainer;
import dev.hydra.services.actions.ClusterAction.SilenceAlert;
import dev.hydra.services.actions.ClusterAction.StartContainer;
import dev.hydra.services.actions.ClusterAction.StopContainer;
import dev.hydra.services.actions.ClusterAction.TrustHostKey;
import dev.hydra.services.alerts.AlertSource;
import dev.hydra.services.config.ActionsConfig;
import dev.hydra.services.containers.ContainerRuntime;
import dev.hydra.services.store.AuditEntry;
import dev.hydra.services.store.AuditLog;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way to act on the cluster. Every action is confirmed (a protected container's restart or stop needs its
 * name typed), rate limited (dangerous ones 5 per 60 s by default, others 100), and written to the append-only audit
 * log with who, what, target, result and error — refused ones included. Blocking: call off the UI thread.
 */
public final class ActionService {

    private static final Logger LOG = LoggerFactory.getLogger(ActionService.class);

    private final ActionTargets targets;
    private final AuditLog audit;
    private final ActionsConfig config;
    private final Bucket dangerous;
    private final Bucket ordinary;

    public ActionService(ActionTargets targets, AuditLog audit, ActionsConfig config, Clock clock) {
        this.targets = targets;
        this.audit = audit;
        this.config = config;
        TimeMeter time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return clock.millis() * 1_000_000;
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
        this.dangerous = Bucket.builder().withCustomTimePrecision(time).addLimit(limit -> limit
                .capacity(config.dangerousPerMinute()).refillIntervally(config.dangerousPerMinute(),
                        ActionsConfig.RATE_WINDOW)).build();
        this.ordinary = Bucket.builder().withCustomTimePrecision(time).addLimit(limit -> limit
                .capacity(config.ordinaryPerMinute()).refillIntervally(config.ordinaryPerMinute(),
                        ActionsConfig.RATE_WINDOW)).build();
    }

    /** How the action must be confirmed: protected containers need their name typed for a restart or stop. */
    public Requirement requirement(ClusterAction action) {
        String container = switch (action) {
            case RestartContainer restart -> restart.containerName();
            case StopContainer stop -> stop.containerName();
            default -> null;
        };
        if (container != null && isProtected(container)) {
            return new Requirement(action.describe() + "? " + container + " is protected: type its name to confirm.",
                    container);
        }
        return new Requirement(action.describe() + "?", null);
    }

    public boolean isProtected(String containerName) {
        return config.protectedContainers().stream().anyMatch(p -> p.equalsIgnoreCase(containerName));
    }

    /** Checks the confirmation and the rate limit, acts, and records the outcome in the audit log. */
    public ActionResult perform(ClusterAction action, String actor, Confirmation confirmation) {
        ActionResult result = check(action, confirmation);
        if (result == null) {
            result = execute(action, actor);
        }
        String detail = action.describe() + (result.outcome() == Outcome.OK && result.message().isEmpty() ? ""
                : " — " + result.message());
        try {
            audit.append(actor, action.kind(), action.target(), detail, result.outcome().name().toLowerCase(Locale.ROOT));
        } catch (RuntimeException e) {
            LOG.error("Could not write the audit log entry for {} ({})", action.describe(), result.outcome(), e);
            return new ActionResult(result.outcome(), result.message() + " (the audit log could not be written: "
                    + e.getMessage() + ")");
        }
        LOG.info("{} by {}: {} {}", action.kind(), actor, result.outcome(), result.message());
        return result;
    }

    /** The newest audit log entries first. */
    public List<AuditEntry> recentActions(int limit) {
        return audit.recent(limit);
    }

    private ActionResult check(ClusterAction action, Confirmation confirmation) {
        Requirement requirement = requirement(action);
        if (confirmation == null) {
            return new ActionResult(Outcome.REFUSED, "not confirmed");
        }
        if (requirement.mustType() != null && !requirement.mustType().equals(confirmation.typed())) {
            return new ActionResult(Outcome.REFUSED, requirement.mustType() + " is protected: its name must be typed "
                    + "exactly to confirm" + (confirmation.typed() == null ? "" : " (got \"" + confirmation.typed() + "\")"));
        }
        Bucket bucket = action.dangerous() ? dangerous : ordinary;
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999) / 1_000_000_000);
            return new ActionResult(Outcome.REFUSED, "rate limit: at most " + (action.dangerous()
                    ? config.dangerousPerMinute() + " restarts, stops and power-limit changes"
                    : config.ordinaryPerMinute() + " actions") + " per 60 s; try again in " + seconds + " s");
        }
        return null;
    }

    private ActionResult execute(ClusterAction action, String actor) {
        try {
            String said = switch (action) {
                case RestartContainer a -> {
                    containers(a.node()).restart(a.containerId());
                    yield "";
                }
                case StopContainer a -> {
                    containers(a.node()).stop(a.containerId());
                    yield "";
                }
                case StartContainer a -> {
                    containers(a.node()).start(a.containerId());
                    yield "";
                }
                case GpuEcoMode a -> ecoMode(a);
                case SilenceAlert a -> "silence " + alerts().silence(a.alert(), a.duration(), actor, a.comment());
                case ExpireSilence a -> {
                    alerts().expire(a.silenceId());
                    yield "";
                }
                case TrustHostKey a -> {
                    targets.trustHostKey(a.node(), a.fingerprint());
                    yield "";
                }
            };
            return new ActionResult(Outcome.OK, said);
        } catch (IOException | IllegalStateException e) {
            return new ActionResult(Outcome.FAILED, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ActionResult(Outcome.FAILED, "interrupted");
        }
    }

    private String ecoMode(GpuEcoMode action) throws IOException, InterruptedException {
        if (action.defaultLimitW() == null) {
            throw new IOException("the default power limit of GPU " + action.gpuIndex() + " is unknown, so eco mode "
                    + "cannot be computed (the driver does not report power.default_limit)");
        }
        double watts = action.on() ? action.defaultLimitW() * config.ecoFraction() : action.defaultLimitW();
        GpuPowerControl power = targets.gpuPower(action.node()).orElseThrow(() -> new IOException("node "
                + action.node() + " has no SSH configured, so its power limits cannot be changed"));
        return power.setPowerLimit(action.gpuIndex(), watts);
    }

    private ContainerRuntime containers(String node) throws IOException {
        return targets.containers(node).orElseThrow(() -> new IOException("node " + node + " has no Docker configured"));
    }

    private AlertSource alerts() throws IOException {
        return targets.alertSource().orElseThrow(() -> new IOException("no Alertmanager is configured"));
    }
}
