package dev.hydra.services.queue.handlers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hydra.services.json.Json;
import dev.hydra.services.queue.Job;
import dev.hydra.services.queue.JobContext;
import dev.hydra.services.queue.JobFailure;
import dev.hydra.services.queue.JobHandler;
import dev.hydra.services.queue.JobOutputs;
import dev.hydra.services.queue.JobTarget;
import dev.hydra.services.queue.JobTypes;
import dev.hydra.services.store.AuditLog;
import dev.hydra.services.transport.process.CommandResult;
import dev.hydra.services.transport.process.CommandRunner;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs an allow-listed command on a node. Payload: {@code {"command": NAME, "node": NODE, "timeout": "10m"}}; the
 * command is looked up by name in {@code queue.maintenanceCommands} (never free text), the node defaults to the
 * job's target. Every run and every refusal is written to the audit log; the output is stored with the job.
 */
public final class MaintenanceHandler implements JobHandler {

    private static final Set<String> KEYS = Set.of("command", "node", "timeout");
    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);
    private static final int MAX_OUTPUT = 64 * 1024;

    private final Map<String, List<String>> allowed;
    private final NodeCommandRunners runners;
    private final AuditLog audit;

    public MaintenanceHandler(Map<String, List<String>> allowed, NodeCommandRunners runners, AuditLog audit) {
        this.allowed = Map.copyOf(allowed);
        this.runners = runners;
        this.audit = audit;
    }

    @Override
    public String type() {
        return JobTypes.MAINTENANCE;
    }

    @Override
    public void validate(ObjectNode payload) {
        Payloads.onlyKeys(payload, KEYS);
        String command = Payloads.requiredText(payload, "command", "a name from queue.maintenanceCommands in hydra.yaml");
        if (!allowed.containsKey(command)) {
            throw new IllegalArgumentException("\"" + command + "\" is not an allowed maintenance command; allowed: "
                    + (allowed.isEmpty() ? "none (add them under queue.maintenanceCommands in hydra.yaml)"
                    : String.join(", ", allowed.keySet().stream().sorted().toList())));
        }
        Payloads.optionalText(payload, "node");
        String timeout = Payloads.optionalText(payload, "timeout");
        if (timeout != null && dev.hydra.services.config.Durations.parse(timeout) == null) {
            throw new IllegalArgumentException("\"timeout\" must be " + dev.hydra.services.config.Durations.EXPECTED
                    + ", got " + timeout);
        }
    }

    @Override
    public JobOutputs run(Job job, JobContext context) throws JobFailure, InterruptedException {
        String name = job.payload().path("command").asText();
        String node = node(job);
        List<String> argv = allowed.get(name);
        if (argv == null) {
            audit.append("scheduler", "maintenance.run", node, "command " + name + " is not allowed (job " + job.id()
                    + ")", "refused");
            throw JobFailure.permanent("\"" + name + "\" is no longer an allowed maintenance command in hydra.yaml");
        }
        if (node == null) {
            throw JobFailure.permanent("a maintenance job needs a node: give \"node\" in the payload or --target");
        }
        CommandRunner runner = runners.forNode(node).orElse(null);
        if (runner == null) {
            audit.append("scheduler", "maintenance.run", node, name + ": unknown node (job " + job.id() + ")", "refused");
            throw JobFailure.permanent("no way to run commands on node " + node + ": it is not this machine nor a "
                    + "configured SSH node");
        }
        String timeoutText = job.payload().path("timeout").asText(null);
        Duration timeout = timeoutText == null ? DEFAULT_TIMEOUT : dev.hydra.services.config.Durations.parse(timeoutText);
        context.progress(null, name + " on " + node);
        CommandResult result;
        try {
            result = runner.run(argv, timeout);
        } catch (IOException e) {
            audit.append("scheduler", "maintenance.run", node, name + ": " + e.getMessage(), "failed");
            throw JobFailure.transientFailure("could not run " + name + " on " + node + ": " + e.getMessage(), e);
        }
        String outcome = result.succeeded() ? "ok" : "failed";
        audit.append("scheduler", "maintenance.run", node, name + " (" + String.join(" ", argv) + ") exit "
                + result.exitCode() + (result.timedOut() ? ", timed out" : "") + " in " + result.elapsed().toMillis()
                + " ms, job " + job.id(), outcome);
        ObjectNode details = Json.mapper().createObjectNode().put("command", name).put("node", node)
                .put("exitCode", result.exitCode()).put("timedOut", result.timedOut())
                .put("elapsedMs", result.elapsed().toMillis());
        ArrayNode argvNode = details.putArray("argv");
        argv.forEach(argvNode::add);
        String output = clip(result.stdout()) + (result.stderr().isBlank() ? "" : "\n--- stderr ---\n"
                + clip(result.stderr()));
        if (result.timedOut()) {
            throw JobFailure.transientFailure(name + " on " + node + " did not finish within " + timeout);
        }
        if (!result.succeeded()) {
            throw JobFailure.permanent(name + " on " + node + " exited with " + result.exitCode() + ": "
                    + result.firstOutputLine());
        }
        return new JobOutputs(List.of(), output, details);
    }

    private static String node(Job job) {
        String fromPayload = job.payload().path("node").asText(null);
        if (fromPayload != null) {
            return fromPayload;
        }
        return job.target().kind() == JobTarget.Kind.NODE ? job.target().value() : null;
    }

    private static String clip(String text) {
        return text.length() <= MAX_OUTPUT ? text : text.substring(0, MAX_OUTPUT) + "\n… (output cut at 64 KiB)";
    }
}
