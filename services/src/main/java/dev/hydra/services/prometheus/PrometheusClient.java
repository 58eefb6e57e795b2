package dev.hydra.services.prometheus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hydra.services.json.Json;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The Prometheus HTTP API (v1): instant and range queries, sent as POST forms so long PromQL fits. Every way a
 * server can fail (refused, timed out, an HTML error page, a plain-text 404, truncated JSON, a query error) becomes
 * a {@link PrometheusException} whose message says which, in one line.
 */
public final class PrometheusClient {

    private final OkHttpClient http;
    private final String baseUrl;

    /** @param http a client whose call timeout bounds one query */
    public PrometheusClient(OkHttpClient http, String baseUrl) {
        this.http = http;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
    }

    public String baseUrl() {
        return baseUrl;
    }

    public List<Sample> query(String promql) throws PrometheusException {
        JsonNode data = call("/api/v1/query", new FormBody.Builder().add("query", promql).build());
        String type = data.path("resultType").asText();
        List<Sample> samples = new ArrayList<>();
        switch (type) {
            case "vector" -> {
                for (JsonNode item : data.path("result")) {
                    samples.add(new Sample(labels(item.path("metric")), value(item.path("value"))));
                }
            }
            case "scalar" -> samples.add(new Sample(Map.of(), value(data.path("result"))));
            default -> throw new PrometheusException("Prometheus returned a " + (type.isEmpty() ? "response without a "
                    + "resultType" : type + " result") + " for an instant query (" + abbreviate(promql) + ")");
        }
        return samples;
    }

    public List<RangeSeries> queryRange(String promql, Instant start, Instant end, Duration step)
            throws PrometheusException {
        JsonNode data = call("/api/v1/query_range", new FormBody.Builder().add("query", promql)
                .add("start", seconds(start)).add("end", seconds(end))
                .add("step", Double.toString(step.toMillis() / 1000.0)).build());
        if (!"matrix".equals(data.path("resultType").asText())) {
            throw new PrometheusException("Prometheus returned a " + data.path("resultType").asText()
                    + " result for a range query");
        }
        List<RangeSeries> series = new ArrayList<>();
        for (JsonNode item : data.path("result")) {
            JsonNode values = item.path("values");
            long[] times = new long[values.size()];
            double[] points = new double[values.size()];
            int n = 0;
            for (JsonNode pair : values) {
                double value = value(pair);
                if (Double.isFinite(value)) {
                    times[n] = Math.round(pair.path(0).asDouble() * 1000);
                    points[n++] = value;
                }
            }
            series.add(new RangeSeries(labels(item.path("metric")), java.util.Arrays.copyOf(times, n),
                    java.util.Arrays.copyOf(points, n)));
        }
        return series;
    }

    /** GET /api/v1/status/buildinfo: the server's version, for hydra doctor. */
    public String version() throws PrometheusException {
        try (Response response = http.newCall(new Request.Builder().url(baseUrl + "/api/v1/status/buildinfo").build())
                .execute()) {
            String body = response.body().string();
            return envelope(response.code(), response.header("Content-Type"), body).path("version").asText("unknown");
        } catch (PrometheusException e) {
            throw e;
        } catch (IOException e) {
            throw transport(e);
        }
    }

    private JsonNode call(String path, FormBody form) throws PrometheusException {
        Request request = new Request.Builder().url(baseUrl + path).post(form).build();
        try (Response response = http.newCall(request).execute()) {
            return envelope(response.code(), response.header("Content-Type"), response.body().string());
        } catch (PrometheusException e) {
            throw e;
        } catch (IOException e) {
            throw transport(e);
        }
    }

    /** The "data" of a success envelope, or the reason there is none. */
    static JsonNode envelope(int status, String contentType, String body) throws PrometheusException {
        JsonNode root = null;
        String parseError = null;
        try {
            root = Json.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            parseError = e.getOriginalMessage();
        }
        if (root == null || !root.isObject()) {
            boolean html = contentType != null && contentType.toLowerCase(Locale.ROOT).contains("html")
                    || body.stripLeading().startsWith("<");
            if (status >= 400) {
                throw new PrometheusException("Prometheus answered HTTP " + status + " with "
                        + (html ? "an HTML page" : "\"" + abbreviate(body.strip()) + "\"")
                        + " (is the URL that of Prometheus itself, e.g. http://host:9090?)");
            }
            if (html) {
                throw new PrometheusException("Prometheus answered with an HTML page instead of JSON (is the URL "
                        + "behind a login or proxy?)");
            }
            throw new PrometheusException(parseError != null
                    ? "Prometheus's answer is not valid JSON (truncated or damaged): " + parseError
                    : "Prometheus answered HTTP " + status + " with no JSON object");
        }
        String state = root.path("status").asText();
        if ("error".equals(state)) {
            throw new PrometheusException("Prometheus refused the query (" + root.path("errorType").asText("error")
                    + ", HTTP " + status + "): " + root.path("error").asText());
        }
        if (!"success".equals(state) || !root.has("data")) {
            throw new PrometheusException("Prometheus answered HTTP " + status + " without a success envelope "
                    + "(no status/data fields)");
        }
        return root.get("data");
    }

    private static Map<String, String> labels(JsonNode metric) {
        Map<String, String> labels = new HashMap<>();
        metric.properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    /** [time, "value"]; Prometheus spells the non-finite values NaN, +Inf and -Inf. */
    static double value(JsonNode pair) throws PrometheusException {
        if (!pair.isArray() || pair.size() != 2) {
            throw new PrometheusException("Prometheus sent a sample that is not [time, \"value\"]: " + pair);
        }
        String text = pair.get(1).asText();
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new PrometheusException("Prometheus sent a sample value that is not a number: \""
                            + abbreviate(text) + "\"");
                }
            }
        };
    }

    private PrometheusException transport(IOException e) {
        if (e instanceof InterruptedIOException) {
            return new PrometheusException("Prometheus at " + baseUrl + " did not answer in time", e);
        }
        return new PrometheusException("Prometheus at " + baseUrl + " cannot be reached: " + e.getMessage(), e);
    }

    private static String seconds(Instant at) {
        return String.format(Locale.ROOT, "%.3f", at.toEpochMilli() / 1000.0);
    }

    private static String abbreviate(String text) {
        String line = text.lines().findFirst().orElse("");
        return line.length() <= 100 ? line : line.substring(0, 97) + "...";
    }
}
