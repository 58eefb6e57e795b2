package dev.hydra.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hydra.services.alerts.Alert;
import dev.hydra.services.alerts.AlertReport;
import dev.hydra.services.alerts.AlertSource;
import dev.hydra.services.cluster.SourceStatus;
import dev.hydra.services.containers.Container;
import dev.hydra.services.containers.ContainerReport;
import dev.hydra.services.containers.ContainerRuntime;
import dev.hydra.services.containers.LogLine;
import dev.hydra.services.transport.process.CommandResult;
import dev.hydra.services.transport.process.CommandRunner;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * A simulated cluster served by in-process fakes: an HTTP Prometheus answering the app's node and GPU queries for
 * every node, and per node a fake SSH command runner (nvidia-smi, cgroups), a fake Docker runtime and a shared fake
 * Alertmanager. Values move on every call, as a live cluster's do. The fake Prometheus runs on platform threads
 * named "fake-*", so the benchmark can tell its CPU apart from the app's; the other fakes are called on the app's
 * own (virtual) threads and their small cost is counted as the app's.
 */
final class SimulatedCluster implements AutoCloseable {

    static final String FAKE_THREAD = "fake-";

    private final int nodes;
    private final int gpusPerNode;
    private final int containersPerNode;
    private final HttpServer prometheus;
    private final ExecutorService prometheusThreads = Executors.newFixedThreadPool(2,
            Thread.ofPlatform().name(FAKE_THREAD + "prometheus-", 0).daemon().factory());

    SimulatedCluster(int nodes, int gpusPerNode, int containersPerNode) throws IOException {
        this.nodes = nodes;
        this.gpusPerNode = gpusPerNode;
        this.containersPerNode = containersPerNode;
        prometheus = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        prometheus.setExecutor(prometheusThreads);
        prometheus.createContext("/api/v1/query", this::query);
        prometheus.start();
    }

    String prometheusUrl() {
        return "http://127.0.0.1:" + prometheus.getAddress().getPort();
    }

    static String nodeName(int node) {
        return String.format(Locale.ROOT, "node-%02d", node);
    }

    static String host(int node) {
        return "10.0.0." + (10 + node);
    }

    static String uuid(int node, int gpu) {
        return String.format(Locale.ROOT, "GPU-%08x-0000-4000-8000-%012x", node, gpu);
    }

    static String containerId(int node, int container) {
        return HexFormat.of().formatHex(new byte[] {(byte) node, (byte) container}).repeat(16);
    }

    private void query(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String promql = URLDecoder.decode(body.substring(body.indexOf("query=") + 6).split("&")[0], StandardCharsets.UTF_8);
        StringBuilder json = new StringBuilder(256 * 1024).append("{\"status\":\"success\",\"data\":{\"resultType\":"
                + "\"vector\",\"result\":[");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        boolean[] first = {true};
        Consumer<String> series = s -> {
            if (!first[0]) {
                json.append(',');
            }
            first[0] = false;
            json.append(s);
        };
        for (int n = 0; n < nodes; n++) {
            String labels = "\"instance\":\"" + host(n) + ":9100\",\"job\":\"node\",\"node\":\"" + nodeName(n) + "\"";
            if (promql.startsWith("{__name__=~\"node_memory")) {
                series.accept(sample("node_memory_MemTotal_bytes", labels, 128L << 30));
                series.accept(sample("node_memory_MemAvailable_bytes", labels, (64L << 30) + random.nextLong(1L << 30)));
                series.accept(sample("node_memory_SwapTotal_bytes", labels, 8L << 30));
                series.accept(sample("node_memory_SwapFree_bytes", labels, 8L << 30));
                for (String load : new String[] {"node_load1", "node_load5", "node_load15"}) {
                    series.accept(sample(load, labels, random.nextDouble(8)));
                }
                series.accept("{\"metric\":{\"__name__\":\"node_uname_info\"," + labels + ",\"nodename\":\"" + nodeName(n)
                        + "\",\"sysname\":\"Linux\",\"release\":\"6.8.0\"},\"value\":[1,\"1\"]}");
                for (String mount : new String[] {"/", "/data"}) {
                    String fs = labels + ",\"mountpoint\":\"" + mount + "\",\"fstype\":\"ext4\"";
                    series.accept(sample("node_filesystem_size_bytes", fs, 2L << 40));
                    series.accept(sample("node_filesystem_avail_bytes", fs, 1L << 40));
                    series.accept(sample("node_filesystem_free_bytes", fs, (1L << 40) + (10L << 30)));
                }
                series.accept(sample("up", labels, 1));
            } else if (promql.startsWith("1 - rate(node_cpu")) {
                for (int cpu = 0; cpu < 16; cpu++) {
                    series.accept("{\"metric\":{" + labels + ",\"cpu\":\"" + cpu + "\",\"mode\":\"idle\"},\"value\":[1,\""
                            + random.nextDouble() + "\"]}");
                }
            } else if (promql.startsWith("time()")) {
                series.accept("{\"metric\":{" + labels + "},\"value\":[1,\"" + (86400 * 3 + n) + "\"]}");
            } else if (promql.startsWith("rate(node_network")) {
                for (String device : new String[] {"eth0", "eth1", "docker0"}) {
                    series.accept("{\"metric\":{" + labels + ",\"device\":\"" + device + "\"},\"value\":[1,\""
                            + random.nextDouble(1e8) + "\"]}");
                }
            } else if (promql.startsWith("{__name__=~\"nvidia_smi")) {
                String gpuLabels = "\"instance\":\"" + host(n) + ":9835\",\"job\":\"gpu\",\"node\":\"" + nodeName(n) + "\"";
                for (int g = 0; g < gpusPerNode; g++) {
                    String u = gpuLabels + ",\"uuid\":\"" + uuid(n, g).substring(4) + "\"";
                    series.accept("{\"metric\":{\"__name__\":\"nvidia_smi_gpu_info\"," + u + ",\"index\":\"" + g
                            + "\",\"name\":\"NVIDIA GeForce RTX 4090\",\"driver_version\":\"590.48.01\"},\"value\":[1,\"1\"]}");
                    series.accept(sample("nvidia_smi_utilization_gpu_ratio", u, random.nextDouble()));
                    series.accept(sample("nvidia_smi_utilization_memory_ratio", u, random.nextDouble()));
                    series.accept(sample("nvidia_smi_memory_total_bytes", u, 24564L << 20));
                    series.accept(sample("nvidia_smi_memory_used_bytes", u, random.nextLong(24000L << 20)));
                    series.accept(sample("nvidia_smi_memory_free_bytes", u, 500L << 20));
                    series.accept(sample("nvidia_smi_temperature_gpu", u, 40 + random.nextInt(40)));
                    series.accept(sample("nvidia_smi_power_draw_watts", u, random.nextDouble(450)));
                    series.accept(sample("nvidia_smi_power_limit_watts", u, 450));
                    series.accept(sample("nvidia_smi_enforced_power_limit_watts", u, 450));
                    series.accept(sample("nvidia_smi_power_default_limit_watts", u, 450));
                    series.accept(sample("nvidia_smi_clocks_current_sm_clock_hz", u, 2.5e9));
                    series.accept(sample("nvidia_smi_fan_speed_ratio", u, random.nextDouble()));
                    series.accept(sample("nvidia_smi_pstate", u, 2));
                }
            }
        }
        json.append("]}}");
        byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static String sample(String name, String labels, double value) {
        return "{\"metric\":{\"__name__\":\"" + name + "\"," + labels + "},\"value\":[1,\"" + value + "\"]}";
    }

    /** nvidia-smi (8 GPUs, two processes each) and the cgroup lookup, as a node would answer over SSH. */
    CommandRunner ssh(int node) {
        return (command, timeout) -> {
                String line = String.join(" ", command);
            StringBuilder out = new StringBuilder();
            if (line.contains("--query-gpu")) {
                out.append("index, uuid, name, temperature.gpu, utilization.gpu [%], utilization.memory [%], "
                        + "memory.total [MiB], memory.used [MiB], memory.free [MiB], power.draw [W], power.limit [W], "
                        + "enforced.power.limit [W], clocks.current.sm [MHz], fan.speed [%], pstate, driver_version, "
                        + "power.default_limit [W]\n");
                for (int g = 0; g < gpusPerNode; g++) {
                    out.append(g).append(", ").append(uuid(node, g)).append(", NVIDIA GeForce RTX 4090, 55 C, 60 %, 20 %, "
                            + "24564 MiB, 12000 MiB, 12564 MiB, 300.00 W, 450.00 W, 450.00 W, 2520 MHz, 40 %, P2, "
                            + "590.48.01, 450.00 W\n");
                }
            } else if (line.contains("--query-compute-apps")) {
                out.append("gpu_uuid, pid, process_name, used_gpu_memory [MiB]\n");
                for (int g = 0; g < gpusPerNode; g++) {
                    out.append(uuid(node, g)).append(", ").append(1000 + g).append(", python worker.py, 9000 MiB\n");
                    out.append(uuid(node, g)).append(", ").append(2000 + g).append(", ollama, 3000 MiB\n");
                }
            } else if (line.contains("/proc/$p/cgroup")) {
                for (int g = 0; g < gpusPerNode; g++) {
                    out.append("== ").append(1000 + g).append("\n0::/system.slice/docker-")
                            .append(containerId(node, g % containersPerNode)).append(".scope\n");
                }
            }
            return new CommandResult(0, out.toString(), "", false, Duration.ofMillis(1));
        };
    }

    /** A node's containers: most running and healthy, one unhealthy, one exited; CPU and memory move. */
    ContainerRuntime docker(int node) {
        return new ContainerRuntime() {
            @Override
            public ContainerReport read() {
                        ThreadLocalRandom random = ThreadLocalRandom.current();
                List<Container> containers = new ArrayList<>();
                for (int c = 0; c < containersPerNode; c++) {
                    boolean exited = c == containersPerNode - 1;
                    containers.add(new Container(nodeName(node), containerId(node, c), "svc-" + c, "local/app:" + c,
                            exited ? "exited" : "running", exited ? Container.Health.NONE
                                    : c == 1 ? Container.Health.UNHEALTHY : Container.Health.HEALTHY,
                            c == 1 ? 3 : 0, Instant.parse("2026-11-20T08:00:00Z"), exited ? 1 : null,
                            c < 5 ? "ai-stack" : "tools", "svc" + c, List.of("127.0.0.1:" + (8000 + c) + "→8080/tcp"),
                            exited ? null : random.nextDouble(200), exited ? null : random.nextLong(8L << 30), 128L << 30));
                }
                return new ContainerReport(containers, SourceStatus.ok(ContainerRuntime.SOURCE, Instant.now()));
            }

            @Override
            public void restart(String containerId) {
            }

            @Override
            public void stop(String containerId) {
            }

            @Override
            public void start(String containerId) {
            }

            @Override
            public AutoCloseable logs(String containerId, int tail, boolean follow, Consumer<LogLine> lines) {
                return () -> { };
            }

            @Override
            public void close() {
            }
        };
    }

    AlertSource alertmanager() {
        List<Alert> alerts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            alerts.add(new Alert("f" + i, Map.of("alertname", "GpuHot", "severity", i == 0 ? "critical" : "warning",
                    "node", nodeName(i)), Map.of("summary", "GPU above 85 °C"), Alert.State.ACTIVE, List.of(), List.of(),
                    Instant.parse("2026-11-21T08:00:00Z"), null));
        }
        return new AlertSource() {
            @Override
            public AlertReport read() {
                        return new AlertReport(alerts, SourceStatus.ok(SOURCE, Instant.now()));
            }

            @Override
            public String silence(Alert alert, Duration duration, String createdBy, String comment) {
                return "s";
            }

            @Override
            public void expire(String silenceId) {
            }
        };
    }

    @Override
    public void close() {
        prometheus.stop(0);
        prometheusThreads.shutdownNow();
    }
}
