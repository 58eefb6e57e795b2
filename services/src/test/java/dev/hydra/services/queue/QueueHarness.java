package dev.hydra.services.queue;

import dev.hydra.services.cluster.ClusterState;
import dev.hydra.services.config.QueueConfig;
import dev.hydra.services.store.Database;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** A queue on a real database with real db-scheduler, for tests. Closes both. */
final class QueueHarness implements AutoCloseable {

    final Database database;
    final JobService queue;
    private final boolean ownsDatabase;

    QueueHarness(Database database, boolean ownsDatabase, QueueConfig config, Clock clock, ClusterState cluster,
            List<JobHandler> handlers, String instance) {
        this.database = database;
        this.ownsDatabase = ownsDatabase;
        this.queue = new JobService(database.dataSource(), database.jdbi(), config, handlers, cluster, clock, instance,
                QueueMetrics.detached());
    }

    static QueueHarness h2(QueueConfig config, Clock clock, ClusterState cluster, List<JobHandler> handlers) {
        try {
            return new QueueHarness(Database.openInMemory("queue-" + UUID.randomUUID()), true, config, clock, cluster,
                    handlers, "test-instance");
        } catch (dev.hydra.services.store.DatabaseException e) {
            throw new IllegalStateException(e);
        }
    }

    QueueHarness start() {
        queue.start();
        return this;
    }

    Job job(String id) {
        return queue.find(id).orElseThrow();
    }

    @Override
    public void close() {
        queue.stop();
        if (ownsDatabase) {
            database.close();
        }
    }
}
