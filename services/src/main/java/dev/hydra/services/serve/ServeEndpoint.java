package dev.hydra.services.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hydra.services.json.Json;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code hydra serve}'s HTTP endpoint: {@code /healthz} (200 when healthy, 503 with the reason otherwise) and
 * {@code /metrics} (Prometheus text format, written by the Prometheus Java client).
 */
public final class ServeEndpoint implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServeEndpoint.class);

    /** @param problem null when healthy, else what is wrong in one sentence */
    public record Health(String problem, ObjectNode facts) {
    }

    private final HttpServer server;

    private ServeEndpoint(HttpServer server) {
        this.server = server;
    }

    public static ServeEndpoint start(String bind, int port, PrometheusRegistry registry, Supplier<Health> health)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 16);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
        server.createContext("/metrics", exchange -> {
            try (exchange) {
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                writer.write(body, registry.scrape());
                send(exchange, 200, writer.getContentType(), body.toByteArray());
            } catch (RuntimeException e) {
                LOG.warn("Scrape failed", e);
                send(exchange, 500, "text/plain; charset=utf-8", ("scrape failed: " + e.getMessage())
                        .getBytes(StandardCharsets.UTF_8));
            }
        });
        server.createContext("/healthz", exchange -> {
            try (exchange) {
                Health now;
                try {
                    now = health.get();
                } catch (RuntimeException e) {
                    now = new Health(e.getMessage(), Json.mapper().createObjectNode());
                }
                ObjectNode body = now.facts().deepCopy();
                body.put("status", now.problem() == null ? "ok" : "unhealthy");
                if (now.problem() != null) {
                    body.put("problem", now.problem());
                }
                send(exchange, now.problem() == null ? 200 : 503, "application/json",
                        body.toString().getBytes(StandardCharsets.UTF_8));
            }
        });
        server.createContext("/", exchange -> {
            try (exchange) {
                send(exchange, 404, "text/plain; charset=utf-8",
                        "hydra serve: see /healthz and /metrics\n".getBytes(StandardCharsets.UTF_8));
            }
        });
        server.start();
        return new ServeEndpoint(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(1);
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
