package dev.hydra.services.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hydra.services.config.ServiceCheckConfig;
import dev.hydra.services.transport.http.HttpClients;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.Dispatcher;
import org.junit.jupiter.api.Test;

class HttpHealthCheckerTest {

    @Test
    void healthyWrongStatusSlowAndAbsentServicesAreToldApart() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return switch (request.getUrl().encodedPath()) {
                        case "/ok" -> new MockResponse.Builder().body("ok").build();
                        case "/teapot" -> new MockResponse.Builder().code(418).build();
                        default -> new MockResponse.Builder().headersDelay(3, TimeUnit.SECONDS).build();
                    };
                }
            });
            server.start();
            HttpHealthChecker checker = new HttpHealthChecker(HttpClients.shared(), List.of(
                    new ServiceCheckConfig("Letta", server.url("/ok").toString(), null, null, "storage"),
                    new ServiceCheckConfig("Teapot", server.url("/teapot").toString(), 200, null, null),
                    new ServiceCheckConfig("Slow", server.url("/slow").toString(), null, Duration.ofMillis(300), null),
                    new ServiceCheckConfig("Gone", "http://127.0.0.1:1/", null, null, null)), Clock.systemUTC());

            List<ServiceHealth> results = checker.checkAll();

            assertThat(results).extracting(ServiceHealth::name).containsExactly("Letta", "Teapot", "Slow", "Gone");
            assertThat(results.get(0).healthy()).isTrue();
            assertThat(results.get(0).latencyMs()).isNotNull();
            assertThat(results.get(1).problem()).isEqualTo("answered HTTP 418, expected 200");
            assertThat(results.get(2).problem()).isEqualTo("no answer within 300 ms");
            assertThat(results.get(3).problem()).startsWith("cannot be reached");
        }
    }
}
