package dev.hydra.services.containers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.ContainerPort;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import dev.hydra.services.cluster.SourceStatus;
import dev.hydra.services.cluster.SourceStatus.State;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's Docker Engine through docker-java, over a Unix socket or TCP (an SSH-forwarded socket is TCP on
 * loopback). The API version is negotiated per daemon: the preferred version is tried first, and a daemon that
 * refuses it ("too new" / "too old") is asked again with the version it names. Health, restart count and start
 * time come from inspect, refreshed when the events stream reports a change; CPU and memory from stats
 * ({@code stream=false}), refreshed in the background at most every {@code statsInterval}.
 */
public final class DockerContainerRuntime implements ContainerRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(DockerContainerRuntime.class);
    private static final Pattern VERSION_LIMIT = Pattern.compile("(?:Maximum|Minimum) supported API version is ([0-9.]+)");
    private static final Duration INSPECT_MAX_AGE = Duration.ofSeconds(10);
    private static final Instant ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    private final String node;
    private final String dockerHost;
    private final Duration timeout;
    private final Duration statsInterval;
    private final Clock clock;
    private final Runnable onChange;
    private final Map<String, Inspected> inspected = new ConcurrentHashMap<>();
    private final Map<String, Stats> stats = new ConcurrentHashMap<>();
    private final Set<String> statsInFlight = ConcurrentHashMap.newKeySet();
    private volatile String apiVersion;
    private DockerClient calls;
    private DockerClient streams;
    private volatile List<Container> lastGood = List.of();
    private volatile Instant lastSuccess;
    private volatile boolean closed;
    private Thread events;

    /**
     * @param preferredApiVersion e.g. "1.44"; null to let each daemon answer at its own version
     * @param onChange            called (on a background thread) when the events stream reports a change
     */
    public DockerContainerRuntime(String node, String dockerHost, String preferredApiVersion, Duration timeout,
            Duration statsInterval, Clock clock, Runnable onChange) {
        this.node = node;
        this.dockerHost = dockerHost;
        this.apiVersion = preferredApiVersion;
        this.timeout = timeout;
        this.statsInterval = statsInterval;
        this.clock = clock;
        this.onChange = onChange;
    }

    /** The API version in use ("1.41" after negotiating with a 20.10 daemon), or null for the daemon's own. */
    public String apiVersion() {
        return apiVersion;
    }

    @Override
    public ContainerReport read() {
        try {
            List<com.github.dockerjava.api.model.Container> listed = negotiated(
                    () -> client().listContainersCmd().withShowAll(true).exec());
            startEvents();
            Set<String> present = new HashSet<>();
            List<Container> containers = new ArrayList<>();
            for (com.github.dockerjava.api.model.Container item : listed) {
                present.add(item.getId());
                containers.add(toContainer(item, inspect(item)));
            }
            inspected.keySet().retainAll(present);
            stats.keySet().retainAll(present);
            refreshStats(containers);
            containers.sort(java.util.Comparator.comparing(Container::name));
            lastGood = containers;
            lastSuccess = clock.instant();
            return new ContainerReport(containers, SourceStatus.ok(SOURCE, lastSuccess));
        } catch (RuntimeException | IOException e) {
            LOG.debug("Docker on {} failed", node, e);
            return new ContainerReport(lastGood, new SourceStatus(SOURCE, State.FAILED, describe(e), lastSuccess));
        }
    }

    @Override
    public void restart(String containerId) throws IOException {
        act("restart", containerId, () -> client().restartContainerCmd(containerId).withTimeout(10).exec());
    }

    @Override
    public void stop(String containerId) throws IOException {
        act("stop", containerId, () -> client().stopContainerCmd(containerId).withTimeout(10).exec());
    }

    @Override
    public void start(String containerId) throws IOException {
        act("start", containerId, () -> client().startContainerCmd(containerId).exec());
    }

    @Override
    public AutoCloseable logs(String containerId, int tail, boolean follow, Consumer<LogLine> lines) throws IOException {
        try {
            boolean tty = Boolean.TRUE.equals(negotiated(() -> client().inspectContainerCmd(containerId).exec())
                    .getConfig().getTty());
            LogDecoder decoder = new LogDecoder(tty, lines);
            ResultCallback.Adapter<Frame> callback = (follow ? streams() : client()).logContainerCmd(containerId)
                    .withStdOut(true).withStdErr(true).withTail(tail).withFollowStream(follow)
                    .exec(new ResultCallback.Adapter<>() {
                        @Override
                        public void onNext(Frame frame) {
                            decoder.accept(frame.getStreamType().name(), frame.getPayload());
                        }

                        @Override
                        public void onComplete() {
                            decoder.flush();
                            super.onComplete();
                        }
                    });
            return callback;
        } catch (NotFoundException e) {
            throw new IOException("no container " + containerId + " on " + node, e);
        } catch (RuntimeException e) {
            throw new IOException(describe(e), e);
        }
    }

    private void act(String what, String containerId, Runnable call) throws IOException {
        try {
            negotiated(() -> {
                call.run();
                return null;
            });
            inspected.remove(containerId);
        } catch (NotModifiedException e) {
            LOG.debug("{} of {} on {}: nothing to do", what, containerId, node);
        } catch (NotFoundException e) {
            throw new IOException("no container " + containerId + " on " + node + " (removed meanwhile?)", e);
        } catch (RuntimeException e) {
            throw new IOException(what + " failed: " + describe(e), e);
        }
    }

    private Inspected inspect(com.github.dockerjava.api.model.Container item) {
        Inspected known = inspected.get(item.getId());
        Instant now = clock.instant();
        if (known != null && known.state.equals(item.getState())
                && Duration.between(known.at, now).compareTo(INSPECT_MAX_AGE) < 0) {
            return known;
        }
        try {
            InspectContainerResponse response = client().inspectContainerCmd(item.getId()).exec();
            InspectContainerResponse.ContainerState state = response.getState();
            Container.Health health = Container.Health.NONE;
            if (state.getHealth() != null && state.getHealth().getStatus() != null) {
                health = switch (state.getHealth().getStatus()) {
                    case "healthy" -> Container.Health.HEALTHY;
                    case "unhealthy" -> Container.Health.UNHEALTHY;
                    default -> Container.Health.STARTING;
                };
            }
            Inspected fresh = new Inspected(item.getState(), health,
                    response.getRestartCount() == null ? 0 : response.getRestartCount(), time(state.getStartedAt()),
                    state.getExitCodeLong() == null ? null : state.getExitCodeLong().intValue(), now);
            inspected.put(item.getId(), fresh);
            return fresh;
        } catch (NotFoundException e) {
            return new Inspected(item.getState(), Container.Health.NONE, 0, null, null, now);
        }
    }

    private Container toContainer(com.github.dockerjava.api.model.Container item, Inspected details) {
        String name = item.getNames() == null || item.getNames().length == 0 ? item.getId().substring(0, 12)
                : item.getNames()[0].replaceFirst("^/", "");
        Map<String, String> labels = item.getLabels() == null ? Map.of() : item.getLabels();
        List<String> ports = new ArrayList<>();
        if (item.getPorts() != null) {
            for (ContainerPort port : item.getPorts()) {
                String inside = port.getPrivatePort() + "/" + port.getType();
                String text = port.getPublicPort() == null ? inside
                        : (port.getIp() == null ? "" : port.getIp() + ":") + port.getPublicPort() + "→" + inside;
                if (!ports.contains(text)) {
                    ports.add(text);
                }
            }
        }
        Stats known = "running".equals(item.getState()) ? stats.get(item.getId()) : null;
        return new Container(node, item.getId(), name, item.getImage(), item.getState(), details.health,
                details.restartCount, details.startedAt, "exited".equals(item.getState()) ? details.exitCode : null,
                labels.get("com.docker.compose.project"), labels.get("com.docker.compose.service"), ports,
                known == null ? null : known.cpuPercent, known == null ? null : known.memoryUsed,
                known == null ? null : known.memoryLimit);
    }

    /** Reads stats of running containers whose figures are older than the interval, each on its own thread. */
    private void refreshStats(List<Container> containers) {
        Instant now = clock.instant();
        for (Container container : containers) {
            Stats known = stats.get(container.id());
            if (!container.running() || (known != null && Duration.between(known.at, now).compareTo(statsInterval) < 0)
                    || !statsInFlight.add(container.id())) {
                continue;
            }
            Thread.ofVirtual().name("docker-stats-" + node).start(() -> {
                try {
                    Statistics sample = readStats(container.id());
                    if (sample != null) {
                        stats.put(container.id(), Stats.of(sample, clock.instant()));
                    }
                } catch (RuntimeException e) {
                    LOG.debug("stats of {} on {} failed", container.name(), node, e);
                } finally {
                    statsInFlight.remove(container.id());
                }
            });
        }
    }

    private Statistics readStats(String id) {
        AtomicReference<Statistics> first = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        try (ResultCallback.Adapter<Statistics> callback = client().statsCmd(id).withNoStream(true)
                .exec(new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Statistics statistics) {
                        first.compareAndSet(null, statistics);
                        done.countDown();
                    }

                    @Override
                    public void onComplete() {
                        done.countDown();
                    }

                    @Override
                    public void onError(Throwable throwable) {
                        done.countDown();
                    }
                })) {
            done.await(timeout.toMillis() + 3000, TimeUnit.MILLISECONDS);
        } catch (IOException e) {
            LOG.trace("closing a stats call", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return first.get();
    }

    /** Follows the events stream so a restart or a health change is seen at once; reconnects after a drop. */
    private synchronized void startEvents() {
        if (events != null || closed) {
            return;
        }
        events = Thread.ofVirtual().name("docker-events-" + node).start(() -> {
            long since = clock.instant().getEpochSecond();
            while (!closed) {
                try (ResultCallback.Adapter<Event> callback = streams().eventsCmd().withSince(Long.toString(since))
                        .withEventTypeFilter(EventType.CONTAINER).exec(new ResultCallback.Adapter<>() {
                            @Override
                            public void onNext(Event event) {
                                handle(event);
                            }
                        })) {
                    callback.awaitCompletion();
                } catch (InterruptedException e) {
                    return;
                } catch (IOException | RuntimeException e) {
                    LOG.debug("Docker events on {} dropped: {}", node, e.getMessage());
                }
                since = clock.instant().getEpochSecond();
                try {
                    TimeUnit.SECONDS.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    private void handle(Event event) {
        String action = event.getAction() == null ? "" : event.getAction();
        if (action.startsWith("exec_")) {
            return;
        }
        String id = event.getActor() != null ? event.getActor().getId() : event.getId();
        if (id != null) {
            inspected.remove(id);
        }
        onChange.run();
    }

    private <T> T negotiated(java.util.function.Supplier<T> call) throws IOException {
        try {
            return call.get();
        } catch (BadRequestException e) {
            Matcher limit = VERSION_LIMIT.matcher(String.valueOf(e.getMessage()));
            if (!limit.find()) {
                throw e;
            }
            String refused = apiVersion;
            useVersion(limit.group(1));
            LOG.info("Docker on {} refuses API {}; using {}", node, refused, apiVersion);
            return call.get();
        }
    }

    private synchronized void useVersion(String version) {
        apiVersion = version;
        closeClients();
    }

    private synchronized DockerClient client() {
        if (calls == null) {
            calls = build(timeout.plusSeconds(15));
        }
        return calls;
    }

    private synchronized DockerClient streams() {
        if (streams == null) {
            streams = build(Duration.ZERO);
        }
        return streams;
    }

    private DockerClient build(Duration responseTimeout) {
        DefaultDockerClientConfig.Builder config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(dockerHost).withDockerTlsVerify(false);
        if (apiVersion != null) {
            config.withApiVersion(apiVersion);
        }
        DefaultDockerClientConfig built = config.build();
        ApacheDockerHttpClient.Builder http = new ApacheDockerHttpClient.Builder().dockerHost(built.getDockerHost())
                .maxConnections(32).connectionTimeout(timeout);
        if (!responseTimeout.isZero()) {
            http.responseTimeout(responseTimeout);
        }
        return DockerClientImpl.getInstance(built, http.build());
    }

    private synchronized void closeClients() {
        for (DockerClient client : new DockerClient[] {calls, streams}) {
            if (client != null) {
                try {
                    client.close();
                } catch (IOException e) {
                    LOG.debug("closing a Docker client failed", e);
                }
            }
        }
        calls = null;
        streams = null;
    }

    @Override
    public void close() {
        closed = true;
        synchronized (this) {
            if (events != null) {
                events.interrupt();
            }
        }
        closeClients();
    }

    private String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String where = "Docker on " + node + " (" + dockerHost + ")";
        if (e instanceof DockerException docker) {
            return where + " answered HTTP " + docker.getHttpStatus() + ": " + firstLine(docker.getMessage());
        }
        if (root instanceof java.net.SocketTimeoutException || root instanceof java.io.InterruptedIOException) {
            return where + " did not answer within " + timeout.toSeconds() + " s";
        }
        if (root instanceof java.net.ConnectException || root instanceof java.nio.file.NoSuchFileException
                || root instanceof java.net.SocketException || String.valueOf(root.getMessage()).contains("No such file")) {
            return where + " cannot be reached: " + firstLine(root.getMessage())
                    + " (is dockerd running, and may this user open its socket?)";
        }
        return where + " failed: " + firstLine(root.getMessage() == null ? root.getClass().getSimpleName()
                : root.getMessage());
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        String line = text.lines().findFirst().orElse("").strip();
        return line.length() <= 200 ? line : line.substring(0, 197) + "...";
    }

    private static Instant time(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            Instant at = Instant.parse(text);
            return at.equals(ZERO_TIME) ? null : at;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private record Inspected(String state, Container.Health health, int restartCount, Instant startedAt,
            Integer exitCode, Instant at) {
    }

    private record Stats(Double cpuPercent, Long memoryUsed, Long memoryLimit, Instant at) {

        /** docker stats' formulas: CPU from the delta to the previous sample, memory less the page cache. */
        static Stats of(Statistics s, Instant at) {
            Double cpu = null;
            if (s.getCpuStats() != null && s.getPreCpuStats() != null && s.getCpuStats().getCpuUsage() != null
                    && s.getPreCpuStats().getCpuUsage() != null) {
                long cpuDelta = nz(s.getCpuStats().getCpuUsage().getTotalUsage())
                        - nz(s.getPreCpuStats().getCpuUsage().getTotalUsage());
                long systemDelta = nz(s.getCpuStats().getSystemCpuUsage()) - nz(s.getPreCpuStats().getSystemCpuUsage());
                Long online = s.getCpuStats().getOnlineCpus();
                long cpus = online != null ? online : s.getCpuStats().getCpuUsage().getPercpuUsage() == null ? 1
                        : s.getCpuStats().getCpuUsage().getPercpuUsage().size();
                if (cpuDelta >= 0 && systemDelta > 0) {
                    cpu = 100.0 * cpuDelta / systemDelta * cpus;
                }
            }
            Long used = null;
            Long limit = null;
            if (s.getMemoryStats() != null && s.getMemoryStats().getUsage() != null) {
                long usage = s.getMemoryStats().getUsage();
                long cache = 0;
                if (s.getMemoryStats().getStats() != null) {
                    Long v1 = s.getMemoryStats().getStats().getTotalInactiveFile();
                    Long v2 = s.getMemoryStats().getStats().getInactiveFile();
                    cache = v1 != null && v1 < usage ? v1 : v2 != null && v2 < usage ? v2 : 0;
                }
                used = usage - cache;
                limit = s.getMemoryStats().getLimit();
            }
            return new Stats(cpu, used, limit, at);
        }

        private static long nz(Long value) {
            return value == null ? 0 : value;
        }
    }

    /** Splits log payloads into lines per stream; TTY containers send raw chunks with \r\n line ends. */
    private static final class LogDecoder {
        private final boolean tty;
        private final Consumer<LogLine> lines;
        private final StringBuilder out = new StringBuilder();
        private final StringBuilder err = new StringBuilder();

        LogDecoder(boolean tty, Consumer<LogLine> lines) {
            this.tty = tty;
            this.lines = lines;
        }

        synchronized void accept(String stream, byte[] payload) {
            boolean stderr = !tty && "STDERR".equals(stream);
            StringBuilder buffer = stderr ? err : out;
            buffer.append(new String(payload, StandardCharsets.UTF_8));
            for (int newline; (newline = buffer.indexOf("\n")) >= 0; ) {
                String line = buffer.substring(0, newline);
                buffer.delete(0, newline + 1);
                lines.accept(new LogLine(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line, stderr));
            }
        }

        synchronized void flush() {
            if (!out.isEmpty()) {
                lines.accept(new LogLine(out.toString(), false));
                out.setLength(0);
            }
            if (!err.isEmpty()) {
                lines.accept(new LogLine(err.toString(), true));
                err.setLength(0);
            }
        }
    }
}
