package dev.hydra.bench;

import dev.hydra.installer.Folders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.statistics.descriptive.Median;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Time to the first frame, side by side in one run: the minimal JavaFX app ({@link HelloImage}), Hydra's app-image
 * without its AOT cache, and with it; then the resident memory of Hydra (and hello) after a minute of idling, and
 * the size of Hydra's runtime image. Every start runs on JavaFX's headless platform (no display needed) and is
 * timed by the app itself, from the JVM's start to the first layout pulse of its window. The three kinds take
 * turns in a rotating order, so a slow spell of the machine hits each alike. Needs the app-image that
 * {@code bench/run startup} has the installer module build (installer/target/jpackage).
 */
final class StartupBenchmark implements Callable<String> {

    private static final Logger LOG = LoggerFactory.getLogger(StartupBenchmark.class);
    private static final Path PACKAGED = Path.of("installer/target/jpackage");
    /** Hydra's log line (its timestamp is when the frame came) or hello's report line. */
    private static final Pattern FIRST_FRAME = Pattern.compile(
            "(?:^|\\n)(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3})?.*First frame (\\d+) ms after launch(?:, at (\\d+))?");
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static final String HEADLESS = "-Dglass.platform=Headless -Dprism.order=sw";
    private static final Duration IDLE = Duration.ofSeconds(60);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    enum Kind { HELLO, HYDRA, HYDRA_AOT }

    /**
     * One start, timed two ways: from the JVM's start (what the apps log) and from the moment the benchmark
     * started the launcher (which adds what the jpackage launcher does before it starts the JVM).
     */
    record Start(double fromJvmStart, double fromSpawn) {
    }

    private Path work;
    private Path hydra;
    private Path hello;

    @Override
    public String call() throws Exception {
        Path image = onlyChild(PACKAGED.resolve("app-image"));
        hydra = image.resolve("bin/hydra");
        if (!Files.exists(image.resolve("lib/app/hydra.aot"))) {
            throw new IllegalStateException("The app-image has no AOT cache: " + image);
        }
        work = Files.createTempDirectory("bench-startup");
        hello = HelloImage.build(PACKAGED.getParent().resolve("app-classpath.txt"), work);
        int rounds = Integer.parseInt(Optional.ofNullable(System.getenv("STARTUP_ROUNDS")).orElse("7"));
        LOG.info("load average before: {}", loadAverage());

        for (Kind kind : Kind.values()) {
            firstFrame(kind);
        }
        Map<Kind, List<Double>> times = new EnumMap<>(Kind.class);
        Map<Kind, List<Double>> fromSpawn = new EnumMap<>(Kind.class);
        for (int round = 0; round < rounds; round++) {
            for (int turn = 0; turn < Kind.values().length; turn++) {
                Kind kind = Kind.values()[(round + turn) % Kind.values().length];
                Start start = firstFrame(kind);
                times.computeIfAbsent(kind, k -> new ArrayList<>()).add(start.fromJvmStart());
                fromSpawn.computeIfAbsent(kind, k -> new ArrayList<>()).add(start.fromSpawn());
                LOG.info("round {} {}: first frame {} ms after the JVM started, {} ms after the launcher did", round + 1,
                        kind, (long) start.fromJvmStart(), (long) start.fromSpawn());
            }
        }
        for (Kind kind : Kind.values()) {
            LOG.info("{}: after the JVM's start {}; after the launcher's start {}", kind, summary(times.get(kind)),
                    summary(fromSpawn.get(kind)));
        }

        LOG.info("load average after the starts: {}", loadAverage());
        double[] idleRss = idleMemory();
        double runtimeMb = Folders.size(image.resolve("lib/runtime")) / 1048576.0;
        LOG.info(String.format(Locale.ROOT, "after %d s idle: Hydra %.0f MB resident, hello %.0f MB",
                IDLE.toSeconds(), idleRss[0], idleRss[1]));
        LOG.info(String.format(Locale.ROOT, "sizes: runtime image %.1f MB, AOT cache %.1f MB, app-image %.1f MB%s",
                runtimeMb, Files.size(image.resolve("lib/app/hydra.aot")) / 1048576.0,
                Folders.size(image) / 1048576.0, installers()));
        Folders.deleteRecursively(work);

        double aot = median(times.get(Kind.HYDRA_AOT));
        double base = median(times.get(Kind.HELLO));
        return String.format(Locale.ROOT, "first_frame_ms=%.0f aot_first_frame_ms=%.0f hello_first_frame_ms=%.0f "
                + "ratio=%.2f rss_idle_mb=%.0f image_mb=%.1f", median(times.get(Kind.HYDRA)), aot, base, aot / base,
                idleRss[0], runtimeMb);
    }

    /** Starts one app that closes itself after its first frame; returns the times it took. */
    private Start firstFrame(Kind kind) throws IOException, InterruptedException {
        Path report = kind == Kind.HELLO ? work.resolve("hello.txt") : work.resolve("home/logs/hydra.log");
        Files.deleteIfExists(report);
        long spawnedAt = System.currentTimeMillis();
        Process process = start(kind, false);
        if (!process.waitFor(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(kind + " did not start and exit cleanly; see " + work.resolve("out.log"));
        }
        Matcher line = reported(report).orElseThrow(() -> new IllegalStateException(kind + " reported no first frame in "
                + report));
        long frameAt = line.group(3) != null ? Long.parseLong(line.group(3))
                : LocalDateTime.parse(line.group(1), LOG_TIME).atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
        return new Start(Double.parseDouble(line.group(2)), frameAt - spawnedAt);
    }

    private Process start(Kind kind, boolean stay) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(kind == Kind.HELLO ? hello.toString() : hydra.toString());
        Map<String, String> environment = builder.environment();
        environment.remove("DISPLAY");
        switch (kind) {
            case HELLO -> {
                environment.put("JAVA_TOOL_OPTIONS", HEADLESS);
                environment.put("HELLO_FIRST_FRAME_FILE", work.resolve("hello.txt").toString());
                environment.put("HELLO_STAY", stay ? "1" : "0");
            }
            case HYDRA, HYDRA_AOT -> {
                // AOTMode=on makes the JVM refuse to start without its cache; off ignores the cache.
                environment.put("JAVA_TOOL_OPTIONS", HEADLESS + (kind == Kind.HYDRA_AOT ? " -XX:AOTMode=on" : " -XX:AOTMode=off"));
                environment.put("HYDRA_HOME", work.resolve("home").toString());
                environment.put("HYDRA_EXIT_AFTER_FIRST_FRAME", stay ? "0" : "1");
            }
        }
        return builder.redirectErrorStream(true).redirectOutput(work.resolve("out.log").toFile()).start();
    }

    /** Resident memory (MB) of Hydra with its AOT cache and of hello, both open and idle for {@link #IDLE}. */
    private double[] idleMemory() throws IOException, InterruptedException {
        Files.deleteIfExists(work.resolve("hello.txt"));
        Files.deleteIfExists(work.resolve("home/logs/hydra.log"));
        Process hydraProcess = start(Kind.HYDRA_AOT, true);
        Process helloProcess = start(Kind.HELLO, true);
        try {
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (reported(work.resolve("home/logs/hydra.log")).isEmpty() || reported(work.resolve("hello.txt")).isEmpty()) {
                if (System.nanoTime() > deadline || !hydraProcess.isAlive() || !helloProcess.isAlive()) {
                    throw new IllegalStateException("The idle run did not reach its first frames; see " + work);
                }
                Thread.sleep(100);
            }
            Thread.sleep(IDLE.toMillis());
            return new double[] {residentMb(hydraProcess.toHandle()), residentMb(helloProcess.toHandle())};
        } finally {
            for (Process process : List.of(hydraProcess, helloProcess)) {
                process.destroy();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
    }

    /** VmRSS of the process and its children (Linux). */
    private static double residentMb(ProcessHandle process) throws IOException {
        long kilobytes = 0;
        for (ProcessHandle handle : Stream.concat(Stream.of(process), process.descendants()).toList()) {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(handle.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    kilobytes += Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        }
        return kilobytes / 1024.0;
    }

    private static Optional<Matcher> reported(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Matcher matcher = FIRST_FRAME.matcher(Files.readString(file, StandardCharsets.UTF_8));
        return matcher.find() ? Optional.of(matcher) : Optional.empty();
    }

    private static String summary(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return String.format(Locale.ROOT, "median %.0f ms (min %.0f, max %.0f, %d starts)", median(values), sorted[0],
                sorted[sorted.length - 1], sorted.length);
    }

    /** The machine's load (1, 5 and 15 minutes), to judge how quiet it was: other work slows starts down. */
    private static String loadAverage() throws IOException {
        Path file = Path.of("/proc/loadavg");
        return Files.exists(file) ? Files.readString(file).strip() : "unknown";
    }

    private static String installers() throws IOException {
        Path folder = PACKAGED.resolve("installers");
        if (!Files.isDirectory(folder)) {
            return "";
        }
        StringBuilder sizes = new StringBuilder();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                sizes.append(String.format(Locale.ROOT, ", %s %.1f MB", file.getFileName(), Files.size(file) / 1048576.0));
            }
        }
        return sizes.toString();
    }

    private static double median(List<Double> values) {
        return Median.withDefaults().evaluate(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static Path onlyChild(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException("No app-image in " + folder.toAbsolutePath() + ": bench/run startup builds it");
        }
        try (Stream<Path> children = Files.list(folder)) {
            return children.findFirst().orElseThrow(() -> new IllegalStateException(folder + " is empty"));
        }
    }
}
