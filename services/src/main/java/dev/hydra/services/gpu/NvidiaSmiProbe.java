package dev.hydra.services.gpu;

import dev.hydra.services.cluster.SourceStatus;
import dev.hydra.services.cluster.SourceStatus.State;
import dev.hydra.services.transport.process.CommandResult;
import dev.hydra.services.transport.process.CommandRunner;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads GPUs with {@code nvidia-smi --query-gpu} and their processes with {@code --query-compute-apps}, through a
 * {@link CommandRunner} (local here, SSH for remote nodes). A field the driver rejects is dropped and the query
 * retried; the reduced field list is remembered. The last good GPU list is kept, so a failed read reports the
 * failure without making the GPUs vanish.
 */
public final class NvidiaSmiProbe implements GpuTelemetrySource {

    public static final String SOURCE = "nvidia-smi";
    static final List<String> GPU_FIELDS = List.of("index", "uuid", "name", "temperature.gpu", "utilization.gpu",
            "utilization.memory", "memory.total", "memory.used", "memory.free", "power.draw", "power.limit",
            "enforced.power.limit", "clocks.current.sm", "fan.speed", "pstate", "driver_version", "power.default_limit");
    static final List<String> PROCESS_FIELDS = List.of("gpu_uuid", "pid", "process_name", "used_memory");
    private static final Set<String> REQUIRED = Set.of("index", "uuid", "name");
    private static final Pattern REJECTED_FIELD = Pattern.compile("Field \"([^\"]+)\" is not a valid field to query");
    private static final Logger LOG = LoggerFactory.getLogger(NvidiaSmiProbe.class);

    private final String executable;
    private final CommandRunner runner;
    private final Duration timeout;
    private final Clock clock;
    private volatile List<String> gpuFields = GPU_FIELDS;
    private volatile List<Gpu> lastGood = List.of();
    private volatile Instant lastSuccess;

    public NvidiaSmiProbe(String executable, CommandRunner runner, Duration timeout, Clock clock) {
        this.executable = executable;
        this.runner = runner;
        this.timeout = timeout;
        this.clock = clock;
    }

    @Override
    public GpuReport read() {
        try {
            List<Gpu> gpus = queryGpus();
            ProcessRead processes = queryProcesses();
            List<Gpu> withProcesses = attach(gpus, processes.byGpu());
            lastGood = withProcesses;
            lastSuccess = clock.instant();
            SourceStatus status = processes.problem() == null
                    ? SourceStatus.ok(SOURCE, lastSuccess)
                    : new SourceStatus(SOURCE, State.DEGRADED, processes.problem(), lastSuccess);
            return new GpuReport(withProcesses, status);
        } catch (ProbeFailure failure) {
            LOG.debug("nvidia-smi read failed: {}", failure.getMessage());
            return new GpuReport(lastGood, new SourceStatus(SOURCE, State.FAILED, failure.getMessage(), lastSuccess));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new GpuReport(lastGood, new SourceStatus(SOURCE, State.FAILED, "interrupted", lastSuccess));
        }
    }

    public String executable() {
        return executable;
    }

    /** The fields in use after dropping those the driver rejected. */
    public List<String> gpuFields() {
        return gpuFields;
    }

    private List<Gpu> queryGpus() throws ProbeFailure, InterruptedException {
        while (true) {
            List<String> fields = gpuFields;
            CommandResult result = run("--query-gpu=" + String.join(",", fields), "--format=csv");
            String rejected = rejectedField(result);
            if (rejected != null && !REQUIRED.contains(NvidiaSmiCsv.canonical(rejected))) {
                List<String> fewer = new ArrayList<>(fields);
                if (!fewer.removeIf(f -> NvidiaSmiCsv.canonical(f).equals(NvidiaSmiCsv.canonical(rejected)))) {
                    throw new ProbeFailure("nvidia-smi rejected field \"" + rejected + "\" that was not asked for");
                }
                LOG.info("nvidia-smi rejects field {}; querying without it from now on", rejected);
                gpuFields = List.copyOf(fewer);
                continue;
            }
            requireSuccess(result);
            try {
                return toGpus(NvidiaSmiCsv.parse(result.stdout()), fields);
            } catch (NvidiaSmiFormatException e) {
                throw new ProbeFailure("nvidia-smi output not understood: " + e.getMessage());
            }
        }
    }

    private ProcessRead queryProcesses() throws InterruptedException {
        try {
            CommandResult result = run("--query-compute-apps=" + String.join(",", PROCESS_FIELDS), "--format=csv");
            requireSuccess(result);
            NvidiaSmiCsv csv = NvidiaSmiCsv.parse(result.stdout());
            Map<String, List<GpuProcess>> byGpu = new LinkedHashMap<>();
            for (int row = 0; row < csv.size(); row++) {
                String uuid = csv.text(row, "gpu_uuid");
                Long pid = csv.wholeNumber(row, "pid");
                if (uuid == null || pid == null) {
                    continue;
                }
                byGpu.computeIfAbsent(uuid, k -> new ArrayList<>())
                        .add(new GpuProcess(uuid, pid, csv.text(row, "process_name"), csv.wholeNumber(row, "used_memory")));
            }
            return new ProcessRead(byGpu, null);
        } catch (ProbeFailure | NvidiaSmiFormatException e) {
            return new ProcessRead(Map.of(), "GPU processes unavailable: " + e.getMessage());
        }
    }

    private CommandResult run(String... args) throws ProbeFailure, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(executable);
        command.addAll(List.of(args));
        try {
            CommandResult result = runner.run(command, timeout);
            if (result.timedOut()) {
                throw new ProbeFailure("nvidia-smi did not answer within " + describe(timeout)
                        + " and was stopped; the driver may be hung (try nvidia-smi in a terminal)");
            }
            return result;
        } catch (IOException e) {
            throw new ProbeFailure("nvidia-smi could not be started (" + executable + "): " + e.getMessage());
        }
    }

    private static void requireSuccess(CommandResult result) throws ProbeFailure {
        if (result.exitCode() != 0) {
            String said = result.firstOutputLine();
            throw new ProbeFailure("nvidia-smi failed (exit code " + result.exitCode() + ")"
                    + (said.isEmpty() ? "" : ": " + said));
        }
    }

    private static String rejectedField(CommandResult result) {
        if (result.exitCode() == 0) {
            return null;
        }
        Matcher matcher = REJECTED_FIELD.matcher(result.stdout() + "\n" + result.stderr());
        return matcher.find() ? matcher.group(1) : null;
    }

    /** Reads only the fields that were asked for: a column we did not ask for is not trusted. */
    private static List<Gpu> toGpus(NvidiaSmiCsv csv, List<String> asked) throws NvidiaSmiFormatException {
        for (String required : REQUIRED) {
            if (!csv.has(required)) {
                throw new NvidiaSmiFormatException("no \"" + required + "\" column");
            }
        }
        Set<String> fields = Set.copyOf(asked);
        List<Gpu> gpus = new ArrayList<>();
        for (int row = 0; row < csv.size(); row++) {
            Row r = new Row(csv, row, fields);
            Integer index = r.integer("index");
            String uuid = r.text("uuid");
            if (index == null || uuid == null) {
                throw new NvidiaSmiFormatException("GPU on line " + (row + 2) + " has no index or UUID");
            }
            gpus.add(new Gpu(index, uuid, r.text("name"),
                    r.integer("utilization.gpu"), r.integer("utilization.memory"),
                    r.wholeNumber("memory.used"), r.wholeNumber("memory.total"), r.wholeNumber("memory.free"),
                    r.integer("temperature.gpu"), r.decimal("power.draw"), r.decimal("power.limit"),
                    r.decimal("enforced.power.limit"), r.integer("clocks.current.sm"), r.integer("fan.speed"),
                    r.text("pstate"), r.text("driver_version"), List.of(), r.decimal("power.default_limit")));
        }
        return gpus;
    }

    private record Row(NvidiaSmiCsv csv, int row, Set<String> asked) {
        String text(String field) {
            return asked.contains(field) ? csv.text(row, field) : null;
        }

        Integer integer(String field) throws NvidiaSmiFormatException {
            return asked.contains(field) ? csv.integer(row, field) : null;
        }

        Long wholeNumber(String field) throws NvidiaSmiFormatException {
            return asked.contains(field) ? csv.wholeNumber(row, field) : null;
        }

        Double decimal(String field) throws NvidiaSmiFormatException {
            return asked.contains(field) ? csv.decimal(row, field) : null;
        }
    }

    private static List<Gpu> attach(List<Gpu> gpus, Map<String, List<GpuProcess>> byGpu) {
        return gpus.stream().map(gpu -> gpu.withProcesses(byGpu.getOrDefault(gpu.uuid(), List.of()))).toList();
    }

    private static String describe(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private record ProcessRead(Map<String, List<GpuProcess>> byGpu, String problem) {
    }

    private static final class ProbeFailure extends Exception {
        ProbeFailure(String message) {
            super(message);
        }
    }
}
