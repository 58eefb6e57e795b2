package dev.hydra.services.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InterruptedIOException;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

class HttpClientsTest {

    @Test
    void talksHttpAndDerivedClientsKeepTheirOwnTimeouts() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(new MockResponse.Builder().body("ok").build());
            server.enqueue(new MockResponse.Builder().body("late").headersDelay(3, java.util.concurrent.TimeUnit.SECONDS).build());
            server.start();

            try (Response response = HttpClients.shared().newCall(new Request.Builder().url(server.url("/")).build()).execute()) {
                assertThat(response.body().string()).isEqualTo("ok");
            }
            assertThatThrownBy(() -> HttpClients.withTimeouts(Duration.ofMillis(300), Duration.ZERO)
                    .newCall(new Request.Builder().url(server.url("/slow")).build()).execute())
                    .isInstanceOf(InterruptedIOException.class);
            assertThat(HttpClients.withTimeouts(Duration.ofSeconds(1), Duration.ZERO).connectionPool())
                    .isSameAs(HttpClients.shared().connectionPool());
        }
    }
}
