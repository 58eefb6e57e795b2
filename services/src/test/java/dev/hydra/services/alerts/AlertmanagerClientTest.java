package dev.hydra.services.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.hydra.services.cluster.SourceStatus;
import dev.hydra.services.testing.MonitoringStack;
import dev.hydra.services.transport.http.HttpClients;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/** Against a real Alertmanager fed by a real Prometheus, and on recorded and broken answers. */
class AlertmanagerClientTest {

    @Test
    void silencingAnAlertSuppressesItAndExpiringBringsItBack() throws Exception {
        MonitoringStack stack = MonitoringStack.shared();
        AlertmanagerClient alertmanager = new AlertmanagerClient(HttpClients.shared(), stack.alertmanagerUrl(),
                Clock.systemUTC());

        Alert firing = alertmanager.read().alerts().stream().filter(a -> a.name().equals("AlwaysFiring"))
                .findFirst().orElseThrow();
        assertThat(firing.state()).isEqualTo(Alert.State.ACTIVE);
        assertThat(firing.labels()).containsEntry("node", stack.hostNode());
        assertThat(firing.summary()).isEqualTo("Test alert that always fires");

        String silence = alertmanager.silence(firing, Duration.ofHours(2), "tester@hydra", "maintenance");
        Alert silenced = alertmanager.alerts().stream().filter(a -> a.fingerprint().equals(firing.fingerprint()))
                .findFirst().orElseThrow();
        assertThat(silenced.state()).isEqualTo(Alert.State.SUPPRESSED);
        assertThat(silenced.silencedBy()).containsExactly(silence);

        alertmanager.expire(silence);
        alertmanager.expire(silence);
        await().atMost(Duration.ofSeconds(10)).until(() -> alertmanager.alerts().stream()
                .filter(a -> a.fingerprint().equals(firing.fingerprint())).findFirst().orElseThrow().state()
                == Alert.State.ACTIVE);
        alertmanager.expire("00000000-0000-0000-0000-000000000000");
    }

    @Test
    void recordedAnswersAndBrokenOnesAreReadOrExplained() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.start();
            AlertmanagerClient client = new AlertmanagerClient(HttpClients.withTimeouts(Duration.ofMillis(800),
                    Duration.ofSeconds(2)), server.url("/").toString(), Clock.systemUTC());
            server.enqueue(json(200, fixture("alerts_after_silence.json")));
            AlertReport report = client.read();
            assertThat(report.alerts()).singleElement().satisfies(a -> {
                assertThat(a.state()).isEqualTo(Alert.State.SUPPRESSED);
                assertThat(a.silencedBy()).containsExactly("8ba79b5c-b4fc-49b7-8c42-fc6aba861fdd");
            });

            server.enqueue(json(200, "[{\"fingerprint\":\"abc\",\"labels\":{\"alertname\":\"X\"},\"stat"));
            AlertReport truncated = client.read();
            assertThat(truncated.status().state()).isEqualTo(SourceStatus.State.FAILED);
            assertThat(truncated.status().message()).contains("not valid JSON (truncated or damaged)");
            assertThat(truncated.alerts()).as("the last good list is kept").hasSize(1);

            server.enqueue(new MockResponse.Builder().code(404).body("404 page not found").build());
            assertThat(client.read().status().message()).isEqualTo("Alertmanager refused reading alerts (HTTP 404): "
                    + "404 page not found");

            server.enqueue(json(200, "{\"alerts\":[]}"));
            assertThat(client.read().status().message()).contains("not a JSON array");

            server.enqueue(json(422, fixture("silence_create_bad.json")));
            Alert alert = report.alerts().getFirst();
            assertThatThrownBy(() -> client.silence(alert, Duration.ofHours(1), "me", "x")).isInstanceOf(IOException.class)
                    .hasMessage("Alertmanager refused creating a silence (HTTP 422): matchers in body should have at "
                            + "least 1 items");

            server.enqueue(json(500, fixture("silence_delete_unknown.json")));
            client.expire("gone");
        }
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = AlertmanagerClientTest.class.getResourceAsStream("/fixtures/monitoring/alertmanager/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
