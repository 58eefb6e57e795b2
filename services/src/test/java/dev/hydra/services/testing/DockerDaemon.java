package dev.hydra.services.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real dockerd (Debian's docker.io) on a private socket, data root and exec root, with no bridge and no iptables
 * changes (shared/specs/real-components.md §2b), and a busybox image imported from a local rootfs (busybox-static):
 * nothing is pulled. {@link #shared} also starts three containers: {@code web} (healthy, compose project
 * "ai-stack"), {@code flaky} (unhealthy) and {@code batch} (exited with code 3). Fails with the install command
 * when a binary is missing.
 */
public final class DockerDaemon implements AutoCloseable {

    public static final String IMAGE = "local/busybox:1";
    private static DockerDaemon shared;

    private final Path dir;
    private final Process process;

    private DockerDaemon(Path dir, Process process) {
        this.dir = dir;
        this.process = process;
    }

    /** The daemon of this test JVM with its three containers, started on first use. */
    public static synchronized DockerDaemon shared() {
        if (shared == null) {
            try {
                shared = start(Files.createTempDirectory("hydra-dockerd"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
            shared.run("web", List.of("--health-cmd", "true", "--health-interval", "1s",
                    "--label", "com.docker.compose.project=ai-stack", "--label", "com.docker.compose.service=web"),
                    "sh", "-c", "echo web started; echo web warning >&2; exec sleep 100000");
            shared.run("flaky", List.of("--health-cmd", "false", "--health-interval", "1s", "--health-retries", "1",
                    "--label", "com.docker.compose.project=ai-stack"), "sleep", "100000");
            shared.run("batch", List.of(), "sh", "-c", "echo job failed >&2; exit 3");
            Processes.await("web healthy, flaky unhealthy, batch exited", Duration.ofSeconds(60), () ->
                    shared.docker("inspect", "-f", "{{.State.Health.Status}}", "web").strip().equals("healthy")
                            && shared.docker("inspect", "-f", "{{.State.Health.Status}}", "flaky").strip()
                            .equals("unhealthy")
                            && shared.docker("inspect", "-f", "{{.State.Status}}", "batch").strip().equals("exited"),
                    shared.dir.resolve("dockerd.log"));
        }
        return shared;
    }

    public static DockerDaemon start(Path dir) {
        Path dockerd = Binaries.require("docker.io", "/usr/sbin/dockerd", "/usr/bin/dockerd");
        Binaries.require("docker.io", "/usr/bin/docker");
        Path busybox = Binaries.require("busybox-static", "/bin/busybox", "/usr/bin/busybox");
        try {
            Process process = new ProcessBuilder(dockerd.toString(), "--data-root", dir.resolve("data").toString(),
                    "--exec-root", dir.resolve("exec").toString(), "--pidfile", dir.resolve("dockerd.pid").toString(),
                    "-H", "unix://" + dir.resolve("docker.sock"), "--bridge=none", "--iptables=false",
                    "--ip6tables=false", "--ip-masq=false", "--storage-driver=overlay2")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("dockerd.log").toFile()).start();
            DockerDaemon daemon = new DockerDaemon(dir, process);
            Processes.await("dockerd answering on " + daemon.socket(), Duration.ofSeconds(60), () -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("dockerd exited");
                }
                return Files.exists(daemon.socket()) && daemon.docker("version", "--format", "{{.Server.Version}}")
                        .strip().matches("[0-9].*");
            }, dir.resolve("dockerd.log"));
            daemon.importBusybox(busybox);
            return daemon;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "unix:///.../docker.sock", as hydra.yaml and docker-java name it. */
    public String host() {
        return "unix://" + socket();
    }

    public Path socket() {
        return dir.resolve("docker.sock");
    }

    /** Starts a detached container from the busybox image (no network) and returns its id. */
    public String run(String name, List<String> options, String... command) {
        List<String> args = new ArrayList<>(List.of("run", "-d", "--name", name, "--network", "none"));
        args.addAll(options);
        args.add(IMAGE);
        args.addAll(List.of(command));
        return docker(args.toArray(String[]::new)).strip();
    }

    /** Runs the docker CLI against this daemon; its output, or an error with the output. */
    public String docker(String... args) {
        List<String> command = new ArrayList<>(List.of("/usr/bin/docker", "-H", host()));
        command.addAll(List.of(args));
        return Processes.run(command, dir);
    }

    private void importBusybox(Path busybox) throws IOException {
        Path rootfs = dir.resolve("rootfs");
        for (String sub : List.of("bin", "tmp", "proc", "sys", "dev", "etc", "root")) {
            Files.createDirectories(rootfs.resolve(sub));
        }
        Files.copy(busybox, rootfs.resolve("bin/busybox"));
        for (String applet : List.of("sh", "sleep", "true", "false", "echo", "cat", "ls", "ps", "kill")) {
            Files.createSymbolicLink(rootfs.resolve("bin").resolve(applet), Path.of("busybox"));
        }
        Files.writeString(rootfs.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
        Processes.run(List.of("sh", "-c", "tar -C " + rootfs + " -c . | /usr/bin/docker -H " + host()
                + " import -c 'CMD [\"/bin/sh\"]' - " + IMAGE), dir);
    }

    @Override
    public synchronized void close() {
        if (process.isAlive()) {
            try {
                String ids = docker("ps", "-aq").strip();
                if (!ids.isEmpty()) {
                    List<String> remove = new ArrayList<>(List.of("rm", "-f"));
                    remove.addAll(List.of(ids.split("\\s+")));
                    docker(remove.toArray(String[]::new));
                }
            } catch (RuntimeException e) {
                // the daemon is stopped below either way
            }
        }
        Processes.stop(process.toHandle(), Duration.ofSeconds(10));
    }
}
