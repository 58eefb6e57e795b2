package dev.hydra.services.queue.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hydra.services.json.Json;
import dev.hydra.services.queue.JobFailure;
import dev.hydra.services.queue.JobOutputs;
import dev.hydra.services.queue.JobTarget;
import dev.hydra.services.store.AuditEntry;
import dev.hydra.services.store.AuditLog;
import dev.hydra.services.store.Database;
import dev.hydra.services.transport.process.LocalCommandRunner;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** maintenance runs only allow-listed commands, on known nodes, audited; letta_message stores the reply. */
class MaintenanceAndLettaHandlerTest {

    private final Database database = open();
    private final AuditLog audit = new AuditLog(database.jdbi(), Clock.systemUTC());
    private final MaintenanceHandler maintenance = new MaintenanceHandler(
            Map.of("disk-usage", List.of("sh", "-c", "echo 'Filesystem Size'; echo '/dev/sda1 100G'"),
                    "failing", List.of("sh", "-c", "echo 'no space left' >&2; exit 3")),
            NodeCommandRunners.of(Map.of("workstation", new LocalCommandRunner())), audit);

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void anAllowedCommandRunsOnTheNodeItsOutputIsStoredAndTheRunAudited() throws Exception {
        JobOutputs outputs = maintenance.run(Jobs.job("m1", "maintenance", payload("{\"command\": \"disk-usage\"}"),
                JobTarget.parse("node:workstation"), null, null), new TestContext(1));

        assertThat(outputs.text()).isEqualTo("Filesystem Size\n/dev/sda1 100G\n");
        assertThat(outputs.details().path("exitCode").asInt()).isZero();
        AuditEntry entry = audit.recent(1).getFirst();
        assertThat(entry.action()).isEqualTo("maintenance.run");
        assertThat(entry.target()).isEqualTo("workstation");
        assertThat(entry.outcome()).isEqualTo("ok");
        assertThat(entry.detail()).startsWith("disk-usage (sh -c ").contains("exit 0").endsWith("job m1");
    }

    @Test
    void freeTextAndUnknownNodesAreRefusedAndAFailingCommandIsAudited() {
        assertThatThrownBy(() -> maintenance.validate(payload("{\"command\": \"rm -rf /\"}")))
                .hasMessage("\"rm -rf /\" is not an allowed maintenance command; allowed: disk-usage, failing");
        assertThatThrownBy(() -> maintenance.run(Jobs.job("m2", "maintenance",
                payload("{\"command\": \"disk-usage\", \"node\": \"hydra-ai\"}"), JobTarget.ANY, null, null),
                new TestContext(1)))
                .isInstanceOfSatisfying(JobFailure.class, f -> assertThat(f.isPermanent()).isTrue())
                .hasMessage("no way to run commands on node hydra-ai: it is not this machine nor a configured SSH node");
        assertThat(audit.recent(1).getFirst().outcome()).isEqualTo("refused");
        assertThatThrownBy(() -> maintenance.run(Jobs.job("m3", "maintenance",
                payload("{\"command\": \"failing\", \"node\": \"workstation\"}"), JobTarget.ANY, null, null),
                new TestContext(1)))
                .hasMessage("failing on workstation exited with 3: no space left");
        assertThat(audit.recent(1).getFirst()).extracting(AuditEntry::outcome).isEqualTo("failed");
    }

    @Test
    void aLettaMessageStoresTheAgentsReply() throws Exception {
        LettaMessageHandler letta = new LettaMessageHandler((agent, message) -> agent + " says: good morning, "
                + message.length() + " characters read");

        JobOutputs outputs = letta.run(Jobs.job("l1", "letta_message",
                payload("{\"agent\": \"steward\", \"message\": \"Write the briefing\"}"), JobTarget.ANY, null, null),
                new TestContext(1));

        assertThat(outputs.text()).isEqualTo("steward says: good morning, 18 characters read");
        assertThatThrownBy(() -> letta.validate(payload("{\"agent\": \"steward\"}")))
                .hasMessage("the payload needs \"message\" (what to say, e.g. \"Write the morning briefing\")");
        LettaMessageHandler unconfigured = new LettaMessageHandler(LettaMessenger.NOT_CONFIGURED);
        assertThatThrownBy(() -> unconfigured.run(Jobs.job("l2", "letta_message",
                payload("{\"agent\": \"a\", \"message\": \"b\"}"), JobTarget.ANY, null, null), new TestContext(1)))
                .isInstanceOfSatisfying(JobFailure.class, f -> assertThat(f.isPermanent()).isTrue())
                .hasMessage("no Letta server is configured, so letta_message jobs cannot run");
    }

    private static ObjectNode payload(String json) {
        try {
            return (ObjectNode) Json.mapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Database open() {
        try {
            return Database.openInMemory("audit-" + UUID.randomUUID());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
