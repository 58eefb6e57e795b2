package dev.hydra.services.queue.handlers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hydra.services.json.Json;
import dev.hydra.services.queue.Job;
import dev.hydra.services.queue.JobContext;
import dev.hydra.services.queue.JobFailure;
import dev.hydra.services.queue.JobHandler;
import dev.hydra.services.queue.JobOutputs;
import dev.hydra.services.queue.JobTypes;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/** Sends a message to a Letta agent (e.g. the morning briefing) and stores the reply. Payload: {@code {"agent", "message"}}. */
public final class LettaMessageHandler implements JobHandler {

    private static final Set<String> KEYS = Set.of("agent", "message");

    private final LettaMessenger letta;

    public LettaMessageHandler(LettaMessenger letta) {
        this.letta = letta;
    }

    @Override
    public String type() {
        return JobTypes.LETTA_MESSAGE;
    }

    @Override
    public void validate(ObjectNode payload) {
        Payloads.onlyKeys(payload, KEYS);
        Payloads.requiredText(payload, "agent", "the agent's id or name, e.g. \"steward\"");
        Payloads.requiredText(payload, "message", "what to say, e.g. \"Write the morning briefing\"");
    }

    @Override
    public JobOutputs run(Job job, JobContext context) throws JobFailure, InterruptedException {
        String agent = job.payload().get("agent").asText();
        context.progress(null, "waiting for " + agent + "'s reply");
        try {
            String reply = letta.send(agent, job.payload().get("message").asText());
            return new JobOutputs(List.of(), reply, Json.mapper().createObjectNode().put("agent", agent));
        } catch (LettaMessenger.LettaUnavailableException e) {
            throw e.isPermanent() ? JobFailure.permanent(e.getMessage(), e) : JobFailure.transientFailure(e.getMessage(), e);
        } catch (IOException e) {
            throw JobFailure.transientFailure("Letta did not answer: " + e.getMessage(), e);
        }
    }
}
