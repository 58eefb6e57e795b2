package dev.hydra.services.queue.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hydra.services.json.Json;
import dev.hydra.services.queue.Job;
import dev.hydra.services.queue.JobContext;
import dev.hydra.services.queue.JobFailure;
import dev.hydra.services.queue.JobHandler;
import dev.hydra.services.queue.JobOutputs;
import dev.hydra.services.queue.JobTypes;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Calls a URL (n8n workflows, CrewAI {@code /run/{crew}}, anything with an HTTP trigger). Payload:
 * {@code {"url", "method" (default POST), "headers": {name: value}, "body": text or JSON}}. A header value written
 * {@code ${env:NAME}} (also inside a value, as in {@code Bearer ${env:TOKEN}}) is read from the environment at run time, so tokens need not be stored in the queue.
 * Success is a 2xx; 4xx other than 408/429 is permanent, anything else is retried. Each call carries an
 * {@code Idempotency-Key} header with the job id, so a receiver can ignore the repeat of a call whose answer was
 * lost in a crash.
 */
public final class WebhookHandler implements JobHandler {

    static final int MAX_STORED_BODY = 64 * 1024;
    private static final Set<String> KEYS = Set.of("url", "method", "headers", "body");
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final MediaType TEXT = MediaType.get("text/plain; charset=utf-8");
    private static final java.util.regex.Pattern ENV_REFERENCE = java.util.regex.Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");

    private final OkHttpClient http;
    private final Map<String, String> environment;

    public WebhookHandler(OkHttpClient http, Map<String, String> environment) {
        this.http = http;
        this.environment = Map.copyOf(environment);
    }

    @Override
    public String type() {
        return JobTypes.WEBHOOK;
    }

    @Override
    public void validate(ObjectNode payload) {
        Payloads.onlyKeys(payload, KEYS);
        String url = Payloads.requiredText(payload, "url", "e.g. \"http://hydra-storage:5678/webhook/briefing\"");
        HttpUrl parsed = HttpUrl.parse(url);
        if (parsed == null) {
            throw new IllegalArgumentException("\"url\" must be an http:// or https:// URL, got " + url);
        }
        String method = Payloads.optionalText(payload, "method");
        if (method != null && !METHODS.contains(method.toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException("\"method\" must be one of " + String.join(", ", METHODS) + ", got "
                    + method);
        }
        JsonNode headers = payload.get("headers");
        if (headers != null && !headers.isNull()) {
            if (!headers.isObject()) {
                throw new IllegalArgumentException("\"headers\" must be a mapping of header names to texts");
            }
            headers.properties().forEach(e -> {
                if (!e.getValue().isTextual()) {
                    throw new IllegalArgumentException("header \"" + e.getKey() + "\" must be a text, got "
                            + e.getValue());
                }
            });
        }
        if (payload.has("body") && ("GET".equalsIgnoreCase(method))) {
            throw new IllegalArgumentException("a GET request cannot carry a \"body\"");
        }
    }

    @Override
    public JobOutputs run(Job job, JobContext context) throws JobFailure, InterruptedException {
        ObjectNode payload = job.payload();
        String method = payload.path("method").asText("POST").toUpperCase(Locale.ROOT);
        Request.Builder request = new Request.Builder().url(payload.get("url").asText())
                .header("Idempotency-Key", job.id())
                .method(method, body(method, payload.get("body")));
        JsonNode headers = payload.get("headers");
        if (headers != null && headers.isObject()) {
            for (var header : headers.properties()) {
                request.header(header.getKey(), resolve(header.getKey(), header.getValue().asText()));
            }
        }
        context.progress(null, method + " " + payload.get("url").asText());
        Call call = http.newCall(request.build());
        context.onCancel(call::cancel);
        try (Response response = call.execute()) {
            String text = read(response.body());
            ObjectNode details = Json.mapper().createObjectNode().put("status", response.code())
                    .put("url", payload.get("url").asText()).put("method", method);
            String contentType = response.header("Content-Type");
            if (contentType != null) {
                details.put("contentType", contentType);
            }
            if (response.isSuccessful()) {
                return new JobOutputs(List.of(), text, details);
            }
            String message = "HTTP " + response.code() + " from " + payload.get("url").asText()
                    + (text.isBlank() ? "" : ": " + firstLine(text));
            if (response.code() >= 400 && response.code() < 500 && response.code() != 408 && response.code() != 429) {
                throw JobFailure.permanent(message);
            }
            throw JobFailure.transientFailure(message);
        } catch (InterruptedIOException e) {
            if (Thread.currentThread().isInterrupted() || context.isCancelled()) {
                throw new InterruptedException("webhook call stopped");
            }
            throw JobFailure.transientFailure("no answer from " + payload.get("url").asText() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            if (context.isCancelled()) {
                throw new InterruptedException("webhook call cancelled");
            }
            throw JobFailure.transientFailure("cannot reach " + payload.get("url").asText() + ": " + e.getMessage(), e);
        }
    }

    private String resolve(String header, String value) throws JobFailure {
        java.util.regex.Matcher reference = ENV_REFERENCE.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (reference.find()) {
            String variable = environment.get(reference.group(1));
            if (variable == null) {
                throw JobFailure.permanent("header " + header + " refers to the environment variable "
                        + reference.group(1) + ", which is not set for this instance");
            }
            reference.appendReplacement(resolved, java.util.regex.Matcher.quoteReplacement(variable));
        }
        reference.appendTail(resolved);
        return resolved.toString();
    }

    private static RequestBody body(String method, JsonNode body) {
        if (method.equals("GET")) {
            return null;
        }
        if (body == null || body.isNull()) {
            return method.equals("DELETE") ? null : RequestBody.create(new byte[0], null);
        }
        if (body.isTextual()) {
            return RequestBody.create(body.asText(), TEXT);
        }
        return RequestBody.create(body.toString(), JSON);
    }

    private static String read(ResponseBody body) throws IOException {
        byte[] bytes = body.source().peek().readByteArray(Math.min(MAX_STORED_BODY, readable(body)));
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static long readable(ResponseBody body) throws IOException {
        body.source().request(MAX_STORED_BODY);
        return body.source().getBuffer().size();
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
