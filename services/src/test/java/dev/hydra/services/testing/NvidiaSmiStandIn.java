package dev.hydra.services.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A directory holding an executable {@code nvidia-smi} stand-in that replays one recorded scenario from
 * {@code fixtures/nvidia-smi/<scenario>/}. Put {@link #directory()} on PATH (or use {@link #executable()}).
 */
public final class NvidiaSmiStandIn {

    private final Path directory;

    private NvidiaSmiStandIn(Path directory) {
        this.directory = directory;
    }

    /** Installs the stand-in into {@code directory} replaying the named recorded scenario, e.g. "h100-load". */
    public static NvidiaSmiStandIn install(Path directory, String scenario) {
        try {
            Files.createDirectories(directory);
            copy("standins/nvidia-smi", directory.resolve("nvidia-smi"));
            Files.setPosixFilePermissions(directory.resolve("nvidia-smi"), PosixFilePermissions.fromString("rwxr-xr-x"));
            for (String file : List.of("query-gpu.csv", "query-compute-apps.csv")) {
                copy("fixtures/nvidia-smi/" + scenario + "/" + file, directory.resolve(file));
            }
            return new NvidiaSmiStandIn(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path directory() {
        return directory;
    }

    public Path executable() {
        return directory.resolve("nvidia-smi");
    }

    /** PATH with only the stand-in's directory and the system tools the script needs. */
    public String searchPath() {
        return directory + ":/usr/bin:/bin";
    }

    /** Fields the simulated driver does not know: asking for any of them fails with exit code 2. */
    public NvidiaSmiStandIn rejecting(String... fields) {
        return write("reject-fields", String.join("\n", fields) + "\n");
    }

    /** Every call sleeps this long first, like a hung driver. */
    public NvidiaSmiStandIn hangingFor(int seconds) {
        return write("hang", Integer.toString(seconds));
    }

    /** Every call prints {@code output} and exits with {@code exitCode}. */
    public NvidiaSmiStandIn failing(int exitCode, String output) {
        write("fail-output", output);
        return write("fail-exit-code", Integer.toString(exitCode));
    }

    /** Replace what --query-gpu prints, e.g. with garbage. */
    public NvidiaSmiStandIn printingForGpuQuery(String output) {
        return write("query-gpu.csv", output);
    }

    /** Power-limit changes are refused as for a user without root. */
    public NvidiaSmiStandIn denyingPowerLimits() {
        return write("deny-power-limit", "yes");
    }

    /** The last power limit set with -pl, if any. */
    public java.util.Optional<String> powerLimitSet() {
        try {
            Path file = directory.resolve("power-limit");
            return Files.exists(file) ? java.util.Optional.of(Files.readString(file).strip()) : java.util.Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replace what --query-compute-apps prints (e.g. with the PID of a real container's process). */
    public NvidiaSmiStandIn printingForComputeApps(String output) {
        return write("query-compute-apps.csv", output);
    }

    /** The argument lines of every call so far. */
    public List<String> calls() {
        try {
            Path log = directory.resolve("calls.log");
            return Files.exists(log) ? Files.readAllLines(log) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private NvidiaSmiStandIn write(String file, String content) {
        try {
            Files.writeString(directory.resolve(file), content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(String resource, Path target) throws IOException {
        try (InputStream in = NvidiaSmiStandIn.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("test resource missing: " + resource);
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
