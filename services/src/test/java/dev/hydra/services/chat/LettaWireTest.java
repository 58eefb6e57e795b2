package dev.hydra.services.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hydra.services.json.Json;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Reading Letta's JSON in every shape the spec lists. */
class LettaWireTest {

    @Test
    void anUnknownMessageTypeIsKeptWithItsRawJson() throws Exception {
        String json = "{\"id\":\"message-1\",\"message_type\":\"holographic_message\",\"hologram\":{\"size\":3}}";

        StreamEvent event = LettaWire.event(Json.mapper().readTree(json));

        assertThat(event).isInstanceOf(LettaMessage.Unknown.class);
        LettaMessage.Unknown unknown = (LettaMessage.Unknown) event;
        assertThat(unknown.type()).isEqualTo("holographic_message");
        assertThat(unknown.rawJson()).contains("\"hologram\":{\"size\":3}");
    }

    @Test
    void contentMayBeAListOfParts() throws Exception {
        LettaMessage.Assistant message = (LettaMessage.Assistant) LettaWire.event(Json.mapper().readTree(
                "{\"message_type\":\"assistant_message\",\"content\":[{\"type\":\"text\",\"text\":\"Hello \"},"
                        + "{\"type\":\"text\",\"text\":\"world\"},{\"type\":\"image\",\"source\":{}}]}"));

        assertThat(message.content()).isEqualTo("Hello world[image]");
    }

    @Test
    void timestampsWithAndWithoutZoneAreRead() {
        assertThat(LettaWire.instant("2026-02-03T09:15:02+00:00")).isEqualTo(Instant.parse("2026-02-03T09:15:02Z"));
        assertThat(LettaWire.instant("2026-01-20T08:12:44.512301Z")).isEqualTo(Instant.parse("2026-01-20T08:12:44.512301Z"));
        assertThat(LettaWire.instant("2026-01-20T08:12:44.512301")).as("SQLite: no zone means UTC")
                .isEqualTo(Instant.parse("2026-01-20T08:12:44.512301Z"));
        assertThat(LettaWire.instant("yesterday")).isNull();
    }

    @Test
    void aToolCallDeltaIsASingleObjectNotAList() throws Exception {
        LettaMessage.ToolCallRequest delta = (LettaMessage.ToolCallRequest) LettaWire.event(Json.mapper().readTree(
                "{\"message_type\":\"tool_call_message\",\"tool_calls\":{\"arguments\":\"{\\\"q\",\"tool_call_id\":\"call_1\"}}"));

        assertThat(delta.toolCall()).isEqualTo(new LettaMessage.ToolCall(null, "{\"q", "call_1"));
    }

    @Test
    void errorBodiesInEveryEnvelope() {
        assertThat(LettaWire.errorMessage("{\"detail\":\"Agent not found\"}")).isEqualTo("Agent not found");
        assertThat(LettaWire.errorMessage("{\"detail\":[{\"type\":\"missing\",\"loc\":[\"body\"],\"msg\":\"Field required\"}]}"))
                .isEqualTo("Field required");
        assertThat(LettaWire.errorMessage("{\"detail\":{\"code\":\"PENDING_APPROVAL\",\"message\":\"waiting\","
                + "\"pending_request_id\":\"x\"}}")).isEqualTo("PENDING_APPROVAL: waiting");
        assertThat(LettaWire.errorMessage("{\"error\":{\"type\":\"llm_rate_limit\",\"message\":\"Slow down\"}}"))
                .isEqualTo("Slow down");
        assertThat(LettaWire.errorMessage("<html>Bad Gateway</html>")).isEqualTo("<html>Bad Gateway</html>");
        assertThat(LettaWire.errorMessage("")).isNull();
    }

    @Test
    void midStreamErrorsInEveryEnvelope() throws Exception {
        assertThat(LettaWire.error(Json.mapper().readTree("{\"error\": \"boom\", \"code\": \"INTERNAL_SERVER_ERROR\"}")))
                .isEqualTo(new StreamEvent.Error("INTERNAL_SERVER_ERROR", "boom", null, null));
        assertThat(LettaWire.error(Json.mapper().readTree("{\"message_type\":\"error_message\",\"run_id\":\"run-1\","
                + "\"error_type\":\"llm_timeout\",\"message\":\"timed out\",\"detail\":\"d\"}")))
                .isEqualTo(new StreamEvent.Error("llm_timeout", "timed out", "d", "run-1"));
    }
}
