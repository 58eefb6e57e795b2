package dev.hydra.services.queue;

import dev.hydra.services.cluster.ClusterSnapshot;
import dev.hydra.services.cluster.NodeSnapshot;
import dev.hydra.services.config.JobTypeConfig;
import dev.hydra.services.config.QueueConfig;
import dev.hydra.services.config.TimeWindow;
import dev.hydra.services.gpu.Gpu;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether a job may start now, from the latest telemetry, what is running, and the limits in hydra.yaml.
 * Pure: everything it needs is passed in, so it is tested with scripted snapshots and a fixed clock.
 */
public final class Admission {

    private static final double MIB_PER_GB = 1024;

    private final QueueConfig config;
    private final Clock clock;
    private final Duration telemetryInterval;

    public Admission(QueueConfig config, Clock clock, Duration telemetryInterval) {
        this.config = config;
        this.clock = clock;
        this.telemetryInterval = telemetryInterval;
    }

    /** A job that holds a slot now. */
    public record Running(String id, String type, String gpu, double vramGb, boolean exclusiveGpu, Instant startedAt) {
    }

    /** The outcome: admitted (with the GPU chosen, if any), or why not and when to look again. */
    public sealed interface Decision {
    }

    public record Admit(String node, String gpu) implements Decision {
    }

    /** @param state PENDING when waiting for a slot or a paused queue, WAITING_FOR_RESOURCES otherwise */
    public record Wait(JobState state, String reason, Instant recheckAt) implements Decision {
    }

    public Decision decide(Job job, boolean paused, List<Running> running, ClusterSnapshot snapshot) {
        Instant now = clock.instant();
        JobTypeConfig typeConfig = config.type(job.type());
        if (paused) {
            return new Wait(JobState.PENDING, "the queue is paused", now.plus(config.checkInterval()));
        }
        TimeWindow window = typeConfig.timeWindow();
        if (window != null) {
            ZonedDateTime local = now.atZone(config.zone());
            if (!window.contains(local.toLocalTime())) {
                ZonedDateTime opens = nextOpening(local, window);
                return new Wait(JobState.WAITING_FOR_RESOURCES, job.type() + " jobs run only " + window
                        + "; next start at " + opens.toLocalTime(), opens.toInstant());
            }
        }
        List<Running> others = running.stream().filter(r -> !r.id().equals(job.id())).toList();
        Instant soon = now.plus(config.pollInterval());
        if (others.size() >= config.concurrency()) {
            return new Wait(JobState.PENDING, "waiting for a slot: " + others.size() + " of " + config.concurrency()
                    + " jobs running", soon);
        }
        if (typeConfig.concurrency() != null) {
            long sameType = others.stream().filter(r -> r.type().equals(job.type())).count();
            if (sameType >= typeConfig.concurrency()) {
                return new Wait(JobState.PENDING, "waiting for a slot: " + sameType + " of " + typeConfig.concurrency()
                        + " " + job.type() + " jobs running", soon);
            }
        }
        if (!job.needs().gpu()) {
            return new Admit(job.target().kind() == JobTarget.Kind.NODE ? job.target().value() : null, null);
        }
        return gpuDecision(job, others, snapshot, now);
    }

    private Decision gpuDecision(Job job, List<Running> others, ClusterSnapshot snapshot, Instant now) {
        double neededGb = Math.max(job.needs().vramGb(), config.minFreeVramGb());
        List<String> reasons = new ArrayList<>();
        List<Candidate> fits = new ArrayList<>();
        boolean anyGpuSeen = false;
        for (NodeSnapshot node : snapshot.nodes()) {
            if (job.target().kind() == JobTarget.Kind.NODE && !node.name().equals(job.target().value())) {
                continue;
            }
            for (Gpu gpu : node.gpus()) {
                if (job.target().kind() == JobTarget.Kind.GPU && !gpu.uuid().equals(job.target().value())) {
                    continue;
                }
                anyGpuSeen = true;
                String why = unfit(job, node, gpu, others, neededGb, now);
                if (why == null) {
                    fits.add(new Candidate(node.name(), gpu, freeGb(node, gpu, others)));
                } else {
                    reasons.add(why);
                }
            }
        }
        Instant recheck = now.plus(config.checkInterval());
        if (!anyGpuSeen) {
            String where = switch (job.target().kind()) {
                case ANY -> "no GPU is reported by any node";
                case NODE -> "node " + job.target().value() + " reports no GPU";
                case GPU -> "GPU " + job.target().value() + " is not reported by any node";
            };
            return new Wait(JobState.WAITING_FOR_RESOURCES, where + " (no telemetry to admit a GPU job on)", recheck);
        }
        return fits.stream().max(Comparator.comparingDouble(Candidate::freeGb))
                .<Decision>map(best -> new Admit(best.node(), best.gpu().uuid()))
                .orElseGet(() -> new Wait(JobState.WAITING_FOR_RESOURCES, String.join("; ", reasons), recheck));
    }

    private String unfit(Job job, NodeSnapshot node, Gpu gpu, List<Running> others, double neededGb, Instant now) {
        String name = gpu.uuid() + " on " + node.name();
        if (!node.reachable() || node.isStale(now, telemetryInterval)) {
            return name + " has no recent telemetry" + (node.observedAt() == null ? ""
                    : " (last reading " + age(now, node.observedAt()) + " ago)");
        }
        List<Running> onGpu = others.stream().filter(r -> gpu.uuid().equals(r.gpu())).toList();
        if (!onGpu.isEmpty() && (job.needs().exclusiveGpu() || onGpu.stream().anyMatch(Running::exclusiveGpu))) {
            return name + " is taken by job " + onGpu.getFirst().id() + (job.needs().exclusiveGpu()
                    ? " and this job needs the GPU to itself" : ", which needs the GPU to itself");
        }
        Integer utilization = gpu.utilizationPercent();
        if (utilization == null) {
            return name + " does not report its utilization";
        }
        if (utilization >= config.utilizationCeiling()) {
            return String.format(Locale.ROOT, "%s is %d %% busy (ceiling %.0f %%)", name, utilization,
                    config.utilizationCeiling());
        }
        Double free = freeGb(node, gpu, others);
        if (free == null) {
            return name + " does not report its free VRAM";
        }
        if (free < neededGb) {
            return String.format(Locale.ROOT, "%s has %.1f GB VRAM free, needs %.1f GB", name, free, neededGb);
        }
        return null;
    }

    /** Free VRAM by the telemetry, less what jobs started after that reading have claimed. */
    private static Double freeGb(NodeSnapshot node, Gpu gpu, List<Running> others) {
        Long freeMiB = gpu.memoryFreeMiB();
        if (freeMiB == null && gpu.memoryTotalMiB() != null && gpu.memoryUsedMiB() != null) {
            freeMiB = gpu.memoryTotalMiB() - gpu.memoryUsedMiB();
        }
        if (freeMiB == null) {
            return null;
        }
        double claimed = others.stream()
                .filter(r -> gpu.uuid().equals(r.gpu()) && r.startedAt() != null && node.observedAt() != null
                        && !r.startedAt().isBefore(node.observedAt()))
                .mapToDouble(Running::vramGb).sum();
        return freeMiB / MIB_PER_GB - claimed;
    }

    private static ZonedDateTime nextOpening(ZonedDateTime now, TimeWindow window) {
        ZonedDateTime today = now.toLocalDate().atTime(window.start()).atZone(now.getZone());
        if (today.isAfter(now)) {
            return today;
        }
        LocalDate tomorrow = now.toLocalDate().plusDays(1);
        return tomorrow.atTime(window.start()).atZone(now.getZone());
    }

    private static String age(Instant now, Instant then) {
        long seconds = Math.max(0, Duration.between(then, now).toSeconds());
        return seconds < 120 ? seconds + " s" : seconds / 60 + " min";
    }

    private record Candidate(String node, Gpu gpu, double freeGb) {
    }
}
