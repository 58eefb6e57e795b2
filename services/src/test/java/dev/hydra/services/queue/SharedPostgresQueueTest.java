package dev.hydra.services.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hydra.services.config.DatabaseConfig;
import dev.hydra.services.config.QueueConfig;
import dev.hydra.services.queue.handlers.WebhookHandler;
import dev.hydra.services.store.Database;
import dev.hydra.services.testing.FakeClusterState;
import dev.hydra.services.testing.PostgresServer;
import dev.hydra.services.transport.http.HttpClients;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two scheduler instances on one real PostgreSQL server share the queue: 1,000 webhook jobs, each call counted by
 * its Idempotency-Key at the receiving end. None may run twice, all must succeed, both instances must take part,
 * and each sees the jobs the other queued.
 */
class SharedPostgresQueueTest {

    private static PostgresServer server;
    private static Database database;

    @BeforeAll
    static void startPostgres() throws Exception {
        server = PostgresServer.start();
        database = Database.openPostgres(new DatabaseConfig(server.createDatabase("hydra_queue"), server.user()), "");
    }

    @AfterAll
    static void stopPostgres() {
        if (database != null) {
            database.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void twoInstancesRunAThousandJobsAndNoneRunsTwice() throws Exception {
        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        try (MockWebServer receiver = new MockWebServer()) {
            receiver.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    calls.computeIfAbsent(request.getHeaders().get("Idempotency-Key"), k -> new AtomicInteger())
                            .incrementAndGet();
                    return new MockResponse.Builder().code(204).build();
                }
            });
            receiver.start();
            QueueConfig config = new QueueConfig(6, null, null, null, null, Duration.ofMillis(200),
                    Duration.ofSeconds(2), null, "UTC", null, null, null);
            Clock clock = Clock.systemUTC();
            FakeClusterState telemetry = new FakeClusterState(clock, Duration.ofSeconds(2));
            JobService serve = instance(config, clock, telemetry, "serve@hydra-storage");
            JobService desktop = instance(config, clock, telemetry, "desktop@workstation");
            serve.start();
            desktop.start();
            try {
                for (int i = 0; i < 1000; i++) {
                    (i % 2 == 0 ? serve : desktop).submit(JobSpec.of("webhook", "hook " + i,
                            JobServiceTest.payload("{\"url\": \"" + receiver.url("/hook") + "\"}")));
                }
                assertThat(desktop.list(List.of(), "webhook", 2000)).as("each instance sees every job").hasSize(1000);

                await().atMost(Duration.ofMinutes(3)).until(() -> serve.list(List.of(JobState.SUCCEEDED), null, 2000)
                        .size() == 1000);

                assertThat(calls).hasSize(1000);
                assertThat(calls.values()).allMatch(n -> n.get() == 1);
                List<JobSummary> done = serve.list(List.of(), null, 2000);
                assertThat(done).allMatch(j -> j.attempts() == 1);
                assertThat(done.stream().map(JobSummary::executedBy).distinct().sorted().toList())
                        .containsExactly("desktop@workstation", "serve@hydra-storage");
            } finally {
                serve.stop();
                desktop.stop();
            }
        }
    }

    private static JobService instance(QueueConfig config, Clock clock, FakeClusterState telemetry, String name) {
        return new JobService(database.dataSource(), database.jdbi(), config,
                List.of(new WebhookHandler(HttpClients.shared(), Map.of())), telemetry, clock, name,
                QueueMetrics.detached());
    }
}
