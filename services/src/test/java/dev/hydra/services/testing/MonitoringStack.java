package dev.hydra.services.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Real Prometheus, node_exporter and Alertmanager (Debian's packages) on free loopback ports, as
 * shared/specs/real-components.md §3 describes: 1 s scrape and evaluation interval, node_exporter labelled
 * {@code node: <hostNode>}, a recorded nvidia_gpu_exporter scrape (served from a fixture) labelled
 * {@code node: <gpuNode>}, and an always-firing alert on the host node. Start once per test JVM with
 * {@link #shared}; fails with the install command when a binary is missing.
 */
public final class MonitoringStack implements AutoCloseable {

    private static MonitoringStack shared;

    private final Path dir;
    private final String hostNode;
    private final String gpuNode;
    private final int prometheusPort = Processes.freePort();
    private final int nodeExporterPort = Processes.freePort();
    private final int alertmanagerPort = Processes.freePort();
    private HttpServer gpuExporter;
    private Process prometheus;
    private Process nodeExporter;
    private Process alertmanager;

    private MonitoringStack(Path dir, String hostNode, String gpuNode) {
        this.dir = dir;
        this.hostNode = hostNode;
        this.gpuNode = gpuNode;
    }

    /**
     * The stack of this test JVM, started on first use: node_exporter's series belong to node "storage", the
     * recorded H100 exporter's to node "gpu-node".
     */
    public static synchronized MonitoringStack shared() {
        if (shared == null) {
            try {
                shared = start(Files.createTempDirectory("hydra-monitoring"), "storage", "gpu-node");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    public static MonitoringStack start(Path dir, String hostNode, String gpuNode) {
        Binaries.require("prometheus", "/usr/bin/prometheus");
        Binaries.require("prometheus-node-exporter", "/usr/bin/prometheus-node-exporter");
        Binaries.require("prometheus-alertmanager", "/usr/bin/prometheus-alertmanager");
        MonitoringStack stack = new MonitoringStack(dir, hostNode, gpuNode);
        try {
            stack.configure();
            stack.startAll();
            return stack;
        } catch (IOException e) {
            stack.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    public String prometheusUrl() {
        return "http://127.0.0.1:" + prometheusPort;
    }

    public String alertmanagerUrl() {
        return "http://127.0.0.1:" + alertmanagerPort;
    }

    public String hostNode() {
        return hostNode;
    }

    public String gpuNode() {
        return gpuNode;
    }

    /** Stops Prometheus only (Alertmanager and the exporters keep running), for "Prometheus is down" tests. */
    public synchronized void stopPrometheus() {
        Processes.stop(prometheus == null ? null : prometheus.toHandle(), Duration.ofSeconds(5));
    }

    /** Starts Prometheus again on the same port and data, and waits until it answers. */
    public synchronized void startPrometheus() {
        try {
            prometheus = launch("prometheus", List.of("/usr/bin/prometheus",
                    "--config.file=" + dir.resolve("prometheus.yml"), "--storage.tsdb.path=" + dir.resolve("tsdb"),
                    "--storage.tsdb.retention.time=1d", "--web.listen-address=127.0.0.1:" + prometheusPort,
                    "--rules.alert.resend-delay=2s"));
            Processes.await("Prometheus ready", Duration.ofSeconds(30),
                    () -> get(prometheusUrl() + "/-/ready").contains("Ready"), dir.resolve("prometheus.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void configure() throws IOException {
        Files.createDirectories(dir.resolve("tsdb"));
        Files.createDirectories(dir.resolve("amdata"));
        gpuExporter = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] scrape = resource("fixtures/monitoring/exporters/"
                + "nvidia_gpu_exporter__linux-x86_64__nvidia-h100-80gb-hbm3__590.48.01__load.prom");
        gpuExporter.createContext("/metrics", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, scrape.length);
            exchange.getResponseBody().write(scrape);
            exchange.close();
        });
        gpuExporter.start();
        Files.writeString(dir.resolve("rules.yml"), """
                groups:
                  - name: hydra-test
                    rules:
                      - alert: AlwaysFiring
                        expr: vector(1)
                        labels: {severity: info, node: %s}
                        annotations: {summary: "Test alert that always fires"}
                      - alert: NodeExporterDown
                        expr: up{job="node"} == 0
                        for: 30s
                        labels: {severity: critical}
                        annotations: {summary: "node_exporter {{ $labels.instance }} is down"}
                """.formatted(hostNode));
        Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                alerting:
                  alertmanagers:
                    - static_configs:
                        - targets: ['127.0.0.1:%d']
                rule_files:
                  - %s
                scrape_configs:
                  - job_name: node
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                        labels: {node: %s}
                  - job_name: gpu
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                        labels: {node: %s}
                """.formatted(alertmanagerPort, dir.resolve("rules.yml"), nodeExporterPort, hostNode,
                gpuExporter.getAddress().getPort(), gpuNode));
        Files.writeString(dir.resolve("alertmanager.yml"), """
                route:
                  receiver: 'null'
                  group_by: ['alertname']
                  group_wait: 1s
                  group_interval: 5s
                  repeat_interval: 1h
                receivers:
                  - name: 'null'
                """);
    }

    private void startAll() throws IOException {
        nodeExporter = launch("node_exporter", List.of("/usr/bin/prometheus-node-exporter",
                "--web.listen-address=127.0.0.1:" + nodeExporterPort, "--no-collector.systemd"));
        alertmanager = launch("alertmanager", List.of("/usr/bin/prometheus-alertmanager",
                "--config.file=" + dir.resolve("alertmanager.yml"), "--storage.path=" + dir.resolve("amdata"),
                "--web.listen-address=127.0.0.1:" + alertmanagerPort, "--cluster.listen-address="));
        Processes.await("node_exporter ready", Duration.ofSeconds(20),
                () -> get("http://127.0.0.1:" + nodeExporterPort + "/metrics").contains("node_load1"),
                dir.resolve("node_exporter.log"));
        Processes.await("Alertmanager ready", Duration.ofSeconds(20), () -> get(alertmanagerUrl() + "/-/ready")
                .contains("OK"), dir.resolve("alertmanager.log"));
        startPrometheus();
        Processes.await("Prometheus's first CPU rate of node_exporter", Duration.ofSeconds(60),
                () -> get(prometheusUrl() + "/api/v1/query?query=" + URLEncoder.encode(
                        "rate(node_cpu_seconds_total{mode=\"idle\"}[1m])", StandardCharsets.UTF_8)).contains("\"value\""),
                dir.resolve("prometheus.log"));
        Processes.await("the always-firing alert in Alertmanager", Duration.ofSeconds(60),
                () -> get(alertmanagerUrl() + "/api/v2/alerts").contains("AlwaysFiring"), dir.resolve("prometheus.log"));
    }

    private Process launch(String name, List<String> command) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(name + ".log").toFile())).start();
    }

    static String get(String url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setConnectTimeout(1000);
        connection.setReadTimeout(2000);
        try (InputStream in = connection.getResponseCode() < 400 ? connection.getInputStream()
                : connection.getErrorStream()) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            connection.disconnect();
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = MonitoringStack.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("test resource missing: " + name);
            }
            return in.readAllBytes();
        }
    }

    @Override
    public synchronized void close() {
        for (Process process : new Process[] {prometheus, alertmanager, nodeExporter}) {
            Processes.stop(process == null ? null : process.toHandle(), Duration.ofSeconds(5));
        }
        if (gpuExporter != null) {
            gpuExporter.stop(0);
        }
    }
}
