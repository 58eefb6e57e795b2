package dev.hydra.services.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real PostgreSQL server (Debian's postgresql package) on a free loopback port in a throw-away data
 * directory. When the tests run as root it runs as the {@code postgres} system user, because PostgreSQL refuses to
 * run as root. Fails with a clear message when the binaries are missing (.ci/run installs them).
 */
public final class PostgresServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path dataDir;
    private final Path binDir;
    private final int port;
    private final boolean asPostgresUser;
    private final Process server;

    private PostgresServer(Path dataDir, Path binDir, int port, boolean asPostgresUser, Process server) {
        this.dataDir = dataDir;
        this.binDir = binDir;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
        this.server = server;
    }

    public static PostgresServer start() {
        try {
            Path bin = findBinaries().orElseThrow(() -> new IllegalStateException(
                    "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin: "
                            + "install them with: apt-get install -y postgresql"));
            boolean root = "root".equals(System.getProperty("user.name"));
            Path dir = Files.createTempDirectory("hydra-pg-");
            Path data = dir.resolve("data");
            Files.createDirectories(data);
            if (root) {
                run(List.of("chown", "-R", "postgres:postgres", dir.toString()));
            }
            run(as(root, List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "hydra",
                    "--auth=trust", "--encoding=UTF8", "--no-sync")));
            int port = freePort();
            ProcessBuilder builder = new ProcessBuilder(as(root, List.of(bin.resolve("postgres").toString(),
                    "-D", data.toString(), "-p", Integer.toString(port), "-h", "127.0.0.1", "-k", dir.toString(),
                    "-c", "fsync=off")));
            builder.redirectErrorStream(true).redirectOutput(dir.resolve("postgres.log").toFile());
            Process process = builder.start();
            PostgresServer server = new PostgresServer(data, bin, port, root, process);
            server.awaitReady(dir.resolve("postgres.log"));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String user() {
        return "hydra";
    }

    /** Creates an empty database and returns its JDBC URL. */
    public String createDatabase(String name) {
        try (var connection = DriverManager.getConnection(jdbcUrl("postgres"), user(), "");
                var statement = connection.createStatement()) {
            statement.execute("create database " + name);
            return jdbcUrl(name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
    }

    private void awaitReady(Path log) throws IOException {
        AtomicReference<SQLException> last = new AtomicReference<>();
        try {
            await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> {
                if (!server.isAlive()) {
                    throw new IllegalStateException("PostgreSQL exited during start:\n" + Files.readString(log));
                }
                try (var ignored = DriverManager.getConnection(jdbcUrl("postgres"), user(), "")) {
                    return true;
                } catch (SQLException e) {
                    last.set(e);
                    return false;
                }
            });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("PostgreSQL did not accept connections within " + START_TIMEOUT
                    + ": " + last.get() + "\n" + Files.readString(log), e);
        }
    }

    @Override
    public void close() {
        server.destroy();
        try {
            if (!server.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                server.descendants().forEach(ProcessHandle::destroyForcibly);
                server.destroyForcibly();
            }
            deleteTree(dataDir.getParent());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> as(boolean root, List<String> command) {
        if (!root) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static Optional<Path> findBinaries() throws IOException {
        Path base = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(base)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(base)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("postgres")))
                    .max(Comparator.comparing(Path::toString));
        }
    }

    private static void run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        try {
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
