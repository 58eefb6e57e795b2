package dev.hydra.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedactionTest {

    @Test
    void secretsBecomeStarsAndTheRestStays() {
        assertThat(Redaction.redact("GET /v1/agents Authorization: Bearer sk-let-abc123def456 ok"))
                .isEqualTo("GET /v1/agents Authorization: Bearer *** ok");
        assertThat(Redaction.redact("calling with bearer eyJhbGciOiJIUzI1NiJ9.payload.sig"))
                .isEqualTo("calling with bearer ***");
        assertThat(Redaction.redact("password=hunter2&user=hydra")).isEqualTo("password=***&user=hydra");
        assertThat(Redaction.redact("{\"api_key\": \"abc-123\", \"model\": \"x\"}"))
                .isEqualTo("{\"api_key\": \"***\", \"model\": \"x\"}");
        assertThat(Redaction.redact("jdbc:postgresql://hydra:s3cret@db:5432/hydra"))
                .isEqualTo("jdbc:postgresql://hydra:***@db:5432/hydra");
        assertThat(Redaction.redact("GPU 0 at 59 C, token count 1200")).isEqualTo("GPU 0 at 59 C, token count 1200");
    }

    @Test
    void theShippedLogConfigurationRedactsMessagesAndExceptions(@TempDir Path logDir) throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        context.putProperty("hydra.logDir", logDir.toString());
        context.putProperty("hydra.consoleLevel", "OFF");
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(RedactionTest.class.getResource("/logback.xml"));

        context.getLogger("test").warn("connecting with token={}", "t0k3n-value",
                new IllegalStateException("refused: Authorization: Bearer abcdefghijkl"));
        context.stop();

        String logged = Files.readString(logDir.resolve("hydra.log"));
        assertThat(logged).contains("connecting with token=***").contains("Authorization: Bearer ***")
                .contains("IllegalStateException")
                .doesNotContain("t0k3n-value").doesNotContain("abcdefghijkl");
    }
}
