package dev.hydra.services.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded database opens on a machine whose host name resolves nowhere (H2's AUTO_SERVER used to look it up). */
class EmbeddedDatabaseWithoutDnsTest {

    @TempDir
    Path dir;

    @Test
    void theEmbeddedDatabaseOpensWhenTheHostNameCannotBeResolved() throws Exception {
        Path services = Files.createDirectories(dir.resolve("resolver/META-INF/services"));
        Files.writeString(services.resolve("java.net.spi.InetAddressResolverProvider"), NoHostNameResolver.class.getName());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path output = dir.resolve("child.log");
        Process child = new ProcessBuilder(List.of(java.toString(), "-cp",
                dir.resolve("resolver") + File.pathSeparator + System.getProperty("java.class.path"),
                NoHostNameResolver.class.getName(), dir.resolve("db").toString()))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();

        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child JVM finished").isTrue();
        assertThat(child.exitValue()).as(Files.readString(output, StandardCharsets.UTF_8)).isZero();
        assertThat(dir.resolve("db/hydra.mv.db")).exists();
    }
}
