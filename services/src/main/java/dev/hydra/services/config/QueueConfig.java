package dev.hydra.services.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The embedded scheduler ({@code queue:} in hydra.yaml). Every key is optional.
 *
 * @param concurrency       jobs running at once across every instance sharing the database (default 3)
 * @param checkInterval     how often a waiting job's admission is checked again (default 30 s)
 * @param utilizationCeiling a GPU job starts only below this GPU utilization, in percent (default 50)
 * @param minFreeVramGb     a GPU job needs at least max(its need, this) GB of free VRAM (default 4)
 * @param assetDir          where generated files are saved (default: the data directory's {@code assets})
 * @param pollInterval      how often the database is asked for due jobs (default 1 s)
 * @param heartbeatInterval how often a running job's instance says it is alive; a job whose instance misses
 *                          four is revived elsewhere (default 10 s)
 * @param shutdownWait      how long running jobs may take to finish at shutdown before they are handed back
 *                          (default 30 s)
 * @param timeZone          the zone of cron schedules and time windows (default: the system's)
 * @param types             per job type: limits, retries, windows, resources
 * @param schedules         cron schedules by name
 * @param maintenanceCommands the only commands a maintenance job may run, by name: name -> argv
 */
public record QueueConfig(Integer concurrency, Duration checkInterval, Double utilizationCeiling, Double minFreeVramGb,
        String assetDir, Duration pollInterval, Duration heartbeatInterval, Duration shutdownWait, String timeZone,
        Map<String, JobTypeConfig> types, Map<String, ScheduleConfig> schedules,
        Map<String, List<String>> maintenanceCommands) {

    public static final QueueConfig DEFAULT = new QueueConfig(null, null, null, null, null, null, null, null, null,
            null, null, null);

    public QueueConfig {
        concurrency = concurrency == null ? 3 : concurrency;
        if (concurrency < 1) {
            throw new IllegalArgumentException("queue.concurrency must be at least 1, got " + concurrency);
        }
        checkInterval = positive("queue.checkInterval", checkInterval, Duration.ofSeconds(30));
        utilizationCeiling = utilizationCeiling == null ? 50.0 : utilizationCeiling;
        if (utilizationCeiling <= 0 || utilizationCeiling > 100) {
            throw new IllegalArgumentException("queue.utilizationCeiling is a percentage between 1 and 100, got "
                    + utilizationCeiling);
        }
        minFreeVramGb = minFreeVramGb == null ? 4.0 : minFreeVramGb;
        if (minFreeVramGb < 0) {
            throw new IllegalArgumentException("queue.minFreeVramGb must not be negative, got " + minFreeVramGb);
        }
        pollInterval = positive("queue.pollInterval", pollInterval, Duration.ofSeconds(1));
        heartbeatInterval = positive("queue.heartbeatInterval", heartbeatInterval, Duration.ofSeconds(10));
        shutdownWait = positive("queue.shutdownWait", shutdownWait, Duration.ofSeconds(30));
        if (timeZone != null) {
            try {
                ZoneId.of(timeZone);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("queue.timeZone must be a time zone such as Europe/Berlin or UTC, got "
                        + timeZone);
            }
        }
        types = types == null ? Map.of() : Map.copyOf(types);
        schedules = schedules == null ? Map.of() : new LinkedHashMap<>(schedules);
        maintenanceCommands = maintenanceCommands == null ? Map.of() : Map.copyOf(maintenanceCommands);
        maintenanceCommands.forEach((name, argv) -> {
            if (argv == null || argv.isEmpty() || argv.stream().anyMatch(a -> a == null || a.isBlank())) {
                throw new IllegalArgumentException("queue.maintenanceCommands." + name
                        + " must be a list of program and arguments, e.g. [docker, system, prune, -f]");
            }
        });
    }

    public JobTypeConfig type(String type) {
        return types.getOrDefault(type, JobTypeConfig.DEFAULT);
    }

    public ZoneId zone() {
        return timeZone == null ? ZoneId.systemDefault() : ZoneId.of(timeZone);
    }

    static Duration positive(String key, Duration value, Duration fallback) {
        if (value == null) {
            return fallback;
        }
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(key + " must be positive");
        }
        return value;
    }
}
