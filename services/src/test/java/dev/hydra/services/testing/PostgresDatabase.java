package dev.hydra.services.testing;

import dev.hydra.services.config.DatabaseConfig;
import dev.hydra.services.store.Database;
import dev.hydra.services.store.DatabaseException;

/** A real PostgreSQL server with one migrated database: the PostgreSQL side of the stores' contract tests. */
public final class PostgresDatabase implements AutoCloseable {

    private final PostgresServer server;
    private final Database database;

    private PostgresDatabase(PostgresServer server, Database database) {
        this.server = server;
        this.database = database;
    }

    public static PostgresDatabase start(String name) throws DatabaseException {
        PostgresServer server = PostgresServer.start();
        try {
            return new PostgresDatabase(server, Database.openPostgres(
                    new DatabaseConfig(server.createDatabase(name), server.user()), ""));
        } catch (DatabaseException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    public Database database() {
        return database;
    }

    @Override
    public void close() {
        database.close();
        server.close();
    }
}
