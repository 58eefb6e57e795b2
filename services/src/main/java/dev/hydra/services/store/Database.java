package dev.hydra.services.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.hydra.services.config.DatabaseConfig;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.jdbi.v3.core.Jdbi;

/**
 * The application's database: an embedded H2 file by default, or a shared PostgreSQL server. Opening it applies
 * any pending Flyway migrations (the same scripts for both engines).
 */
public final class Database implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final String description;

    private Database(HikariDataSource dataSource, String description) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        this.description = description;
    }

    /**
     * The embedded H2 file database under {@code directory}. AUTO_SERVER lets a second process (the command line
     * while the window is open) use the same file, through a server on 127.0.0.1. WRITE_DELAY=0 writes every commit
     * to the file before the commit returns: H2's default (500 ms) keeps recent commits in memory, and a kill -9 lost
     * them (DecisionCrashTest, the queue's crash test).
     */
    public static Database openEmbedded(Path directory) throws DatabaseException {
        // AUTO_SERVER's TCP server on loopback only, so H2 never resolves this machine's name: where the host name is
        // not in /etc/hosts (a minimal Debian, a container) that lookup fails and the database could not be opened.
        System.setProperty("h2.bindAddress", "127.0.0.1");
        String url = "jdbc:h2:file:" + directory.resolve("hydra").toAbsolutePath() + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
        return open(url, "sa", "", describe(null, directory), 12);
    }

    /** An in-memory H2 database, for tests and benchmarks. */
    public static Database openInMemory(String name) throws DatabaseException {
        return open("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "", "H2 in memory", 12);
    }

    /** A PostgreSQL server; the password comes from the caller (the environment), never from hydra.yaml. */
    public static Database openPostgres(DatabaseConfig config, String password) throws DatabaseException {
        return open(config.url(), config.user(), password, describe(config, null), 8);
    }

    /** How the database is named to the user, known without opening it: the H2 file, or the PostgreSQL URL. */
    public static String describe(DatabaseConfig postgres, Path embeddedDirectory) {
        return postgres == null ? "H2 file " + embeddedDirectory.resolve("hydra.mv.db") : "PostgreSQL " + postgres.url();
    }

    static Database open(String url, String user, String password, String description, int poolSize)
            throws DatabaseException {
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(url);
        pool.setUsername(user);
        pool.setPassword(password);
        pool.setMaximumPoolSize(poolSize);
        pool.setPoolName("hydra-db");
        pool.setInitializationFailTimeout(1);
        pool.setConnectionTimeout(10_000);
        HikariDataSource dataSource = null;
        try {
            dataSource = new HikariDataSource(pool);
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
            return new Database(dataSource, description);
        } catch (RuntimeException e) {
            if (dataSource != null) {
                dataSource.close();
            }
            throw new DatabaseException("Cannot open the database (" + description + "): " + rootMessage(e), e);
        }
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public String description() {
        return description;
    }

    /** The version of the newest applied migration, e.g. "1". */
    public String schemaVersion() {
        MigrationInfo current = Flyway.configure().dataSource(dataSource).load().info().current();
        return current == null ? "none" : current.getVersion().getVersion();
    }

    @Override
    public void close() {
        dataSource.close();
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }
}
