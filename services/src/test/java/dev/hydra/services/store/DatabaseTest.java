package dev.hydra.services.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hydra.services.config.DatabaseConfig;
import dev.hydra.services.testing.PostgresDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same migrations and stores on both engines we support: an H2 file and a real PostgreSQL server. */
class DatabaseTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T08:30:00Z"), ZoneOffset.UTC);

    abstract static class Contract {

        abstract Database database();

        @Test
        void migrationsAreApplied() {
            assertThat(database().schemaVersion()).isEqualTo("4");
        }

        @Test
        void settingsAreWrittenReadAndOverwritten() {
            SettingsStore settings = new SettingsStore(database().jdbi(), CLOCK);

            assertThat(settings.get("ui.theme")).isEmpty();
            settings.put("ui.theme", "dark");
            settings.put("ui.theme", "light");

            assertThat(settings.get("ui.theme")).contains("light");
        }

        @Test
        void theAuditLogKeepsEntriesNewestFirst() {
            AuditLog audit = new AuditLog(database().jdbi(), CLOCK);

            long first = audit.append("me@desk", "container.restart", "hydra-ai/comfyui", null, "ok");
            long second = audit.append("scheduler", "gpu.power-limit", "GPU-1", "300 W -> 250 W", "failed");

            assertThat(second).isGreaterThan(first);
            assertThat(audit.recent(10)).extracting(AuditEntry::action, AuditEntry::detail, AuditEntry::occurredAt)
                    .startsWith(
                            org.assertj.core.groups.Tuple.tuple("gpu.power-limit", "300 W -> 250 W", CLOCK.instant()),
                            org.assertj.core.groups.Tuple.tuple("container.restart", null, CLOCK.instant()));
        }
    }

    @Nested
    class H2File extends Contract {
        @TempDir
        Path dir;
        private Database database;

        @Override
        Database database() {
            if (database == null) {
                try {
                    database = Database.openEmbedded(dir);
                } catch (DatabaseException e) {
                    throw new IllegalStateException(e);
                }
            }
            return database;
        }

        @org.junit.jupiter.api.AfterEach
        void close() {
            if (database != null) {
                database.close();
            }
        }

        @Test
        void reopeningKeepsTheDataAndDoesNotMigrateAgain() throws Exception {
            new SettingsStore(database().jdbi(), CLOCK).put("k", "v");
            database.close();

            try (Database reopened = Database.openEmbedded(dir)) {
                assertThat(new SettingsStore(reopened.jdbi(), CLOCK).get("k")).contains("v");
                assertThat(reopened.schemaVersion()).isEqualTo("4");
            }
            database = null;
        }
    }

    @Nested
    class Postgres extends Contract {
        private static PostgresDatabase postgres;

        @BeforeAll
        static void start() throws Exception {
            postgres = PostgresDatabase.start("hydra_contract");
        }

        @AfterAll
        static void stop() {
            if (postgres != null) {
                postgres.close();
            }
        }

        @Override
        Database database() {
            return postgres.database();
        }
    }

    @Test
    void anUnreachableServerIsAClearError() {
        assertThatThrownBy(() -> Database.openPostgres(
                new DatabaseConfig("jdbc:postgresql://127.0.0.1:1/hydra?connectTimeout=2", "hydra"), ""))
                .isInstanceOf(DatabaseException.class)
                .hasMessageStartingWith("Cannot open the database (PostgreSQL jdbc:postgresql://127.0.0.1:1/hydra")
                .hasMessageContaining("Connection");
    }
}
