package dev.hydra.services.health;

import dev.hydra.services.config.ServiceCheckConfig;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * GETs each configured service URL, all side by side (one slow service never delays another), and says whether
 * it answered with the expected status, and how fast.
 */
public final class HttpHealthChecker {

    private final OkHttpClient http;
    private final List<ServiceCheckConfig> services;
    private final Clock clock;

    public HttpHealthChecker(OkHttpClient http, List<ServiceCheckConfig> services, Clock clock) {
        this.http = http;
        this.services = List.copyOf(services);
        this.clock = clock;
    }

    public boolean isEmpty() {
        return services.isEmpty();
    }

    /** Checks every service; blocking, never throws. */
    public List<ServiceHealth> checkAll() {
        List<CompletableFuture<ServiceHealth>> checks = new ArrayList<>();
        for (ServiceCheckConfig service : services) {
            CompletableFuture<ServiceHealth> result = new CompletableFuture<>();
            Thread.ofVirtual().name("health-" + service.name()).start(() -> result.complete(check(service)));
            checks.add(result);
        }
        return checks.stream().map(CompletableFuture::join).toList();
    }

    ServiceHealth check(ServiceCheckConfig service) {
        OkHttpClient client = http.newBuilder().callTimeout(service.timeout()).build();
        long started = System.nanoTime();
        try (Response response = client.newCall(new Request.Builder().url(service.url()).build()).execute()) {
            long latency = (System.nanoTime() - started) / 1_000_000;
            int code = response.code();
            boolean healthy = service.expectStatus() == null ? response.isSuccessful() : code == service.expectStatus();
            String problem = healthy ? null : "answered HTTP " + code + ", expected "
                    + (service.expectStatus() == null ? "2xx" : service.expectStatus());
            return new ServiceHealth(service.name(), service.url(), service.node(), healthy, code, latency, problem,
                    clock.instant());
        } catch (InterruptedIOException e) {
            return failed(service, "no answer within " + service.timeout().toMillis() + " ms");
        } catch (IOException e) {
            return failed(service, "cannot be reached: " + e.getMessage());
        }
    }

    private ServiceHealth failed(ServiceCheckConfig service, String problem) {
        return new ServiceHealth(service.name(), service.url(), service.node(), false, null, null, problem,
                clock.instant());
    }
}
