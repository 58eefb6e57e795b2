package dev.hydra.services.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hydra.services.cluster.SourceStatus;
import dev.hydra.services.cluster.SourceStatus.State;
import dev.hydra.services.json.Json;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** Alertmanager's API v2: alerts, and silences created and expired. */
public final class AlertmanagerClient implements AlertSource {

    private static final MediaType JSON = MediaType.get("application/json");

    private final OkHttpClient http;
    private final String baseUrl;
    private final Clock clock;
    private volatile List<Alert> lastGood = List.of();
    private volatile Instant lastSuccess;

    public AlertmanagerClient(OkHttpClient http, String baseUrl, Clock clock) {
        this.http = http;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.clock = clock;
    }

    @Override
    public AlertReport read() {
        try {
            List<Alert> alerts = alerts();
            lastGood = alerts;
            lastSuccess = clock.instant();
            return new AlertReport(alerts, SourceStatus.ok(SOURCE, lastSuccess));
        } catch (IOException e) {
            return new AlertReport(lastGood, new SourceStatus(SOURCE, State.FAILED, e.getMessage(), lastSuccess));
        }
    }

    List<Alert> alerts() throws IOException {
        JsonNode root = call(new Request.Builder().url(baseUrl + "/api/v2/alerts?active=true&silenced=true"
                + "&inhibited=true&unprocessed=true").build(), "reading alerts");
        if (!root.isArray()) {
            throw new IOException("Alertmanager's alert list is not a JSON array (is " + baseUrl
                    + " Alertmanager's API v2?)");
        }
        List<Alert> alerts = new ArrayList<>();
        for (JsonNode item : root) {
            String fingerprint = item.path("fingerprint").asText(null);
            if (fingerprint == null) {
                throw new IOException("Alertmanager sent an alert without a fingerprint");
            }
            JsonNode status = item.path("status");
            alerts.add(new Alert(fingerprint, strings(item.path("labels")), strings(item.path("annotations")),
                    state(status.path("state").asText()), list(status.path("silencedBy")),
                    list(status.path("inhibitedBy")), time(item.path("startsAt")), time(item.path("endsAt"))));
        }
        alerts.sort(java.util.Comparator.comparing(Alert::startsAt, java.util.Comparator.nullsLast(
                java.util.Comparator.reverseOrder())));
        return alerts;
    }

    @Override
    public String silence(Alert alert, Duration duration, String createdBy, String comment) throws IOException {
        ObjectNode body = Json.mapper().createObjectNode();
        ArrayNode matchers = body.putArray("matchers");
        alert.labels().forEach((name, value) -> matchers.addObject().put("name", name).put("value", value)
                .put("isRegex", false).put("isEqual", true));
        Instant now = clock.instant();
        body.put("startsAt", now.toString());
        body.put("endsAt", now.plus(duration).toString());
        body.put("createdBy", createdBy);
        body.put("comment", comment);
        JsonNode answer = call(new Request.Builder().url(baseUrl + "/api/v2/silences")
                .post(RequestBody.create(Json.mapper().writeValueAsString(body), JSON)).build(), "creating a silence");
        String id = answer.path("silenceID").asText(null);
        if (id == null) {
            throw new IOException("Alertmanager created a silence but did not say its id");
        }
        return id;
    }

    @Override
    public void expire(String silenceId) throws IOException {
        try (Response response = http.newCall(new Request.Builder().url(baseUrl + "/api/v2/silence/" + silenceId)
                .delete().build()).execute()) {
            String text = response.body().string();
            if (!response.isSuccessful() && !text.contains("silence not found")) {
                throw new IOException("Alertmanager refused to expire silence " + silenceId + " (HTTP "
                        + response.code() + "): " + message(text));
            }
        } catch (InterruptedIOException e) {
            throw new IOException("Alertmanager at " + baseUrl + " did not answer in time", e);
        }
    }

    private JsonNode call(Request request, String what) throws IOException {
        try (Response response = http.newCall(request).execute()) {
            String text = response.body().string();
            if (!response.isSuccessful()) {
                throw new IOException("Alertmanager refused " + what + " (HTTP " + response.code() + "): "
                        + message(text));
            }
            try {
                JsonNode root = Json.mapper().readTree(text);
                if (root == null) {
                    throw new IOException("Alertmanager answered " + what + " with an empty body");
                }
                return root;
            } catch (JsonProcessingException e) {
                throw new IOException("Alertmanager's answer to " + what + " is not valid JSON"
                        + (text.stripLeading().startsWith("<") ? " (an HTML page: is the URL that of Alertmanager?)"
                                : " (truncated or damaged): " + e.getOriginalMessage()));
            }
        } catch (InterruptedIOException e) {
            throw new IOException("Alertmanager at " + baseUrl + " did not answer in time", e);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("Alertmanager")) {
                throw e;
            }
            throw new IOException("Alertmanager at " + baseUrl + " cannot be reached: " + e.getMessage(), e);
        }
    }

    /** Errors come as a JSON string ("silence not found"), a {code, message} object, or plain text. */
    private static String message(String body) {
        try {
            JsonNode node = Json.mapper().readTree(body);
            if (node != null && node.isTextual()) {
                return node.asText();
            }
            if (node != null && node.has("message")) {
                return node.path("message").asText();
            }
        } catch (JsonProcessingException e) {
            // plain text
        }
        String line = body.lines().findFirst().orElse("").strip();
        return line.length() <= 200 ? line : line.substring(0, 197) + "...";
    }

    private static Alert.State state(String text) {
        return switch (text) {
            case "suppressed" -> Alert.State.SUPPRESSED;
            case "unprocessed" -> Alert.State.UNPROCESSED;
            default -> Alert.State.ACTIVE;
        };
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> map = new HashMap<>();
        object.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    private static List<String> list(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static Instant time(JsonNode text) {
        try {
            return text.isTextual() ? Instant.parse(text.asText()) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
