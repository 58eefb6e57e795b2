package dev.hydra.services.containers;

import java.time.Instant;
import java.util.List;

/**
 * One container on one node, as its Docker Engine reports it. Health comes from inspect (never from the "Up 3 min
 * (healthy)" status text); CPU and memory from a non-streaming stats call and may lag a few seconds behind.
 *
 * @param state          created, restarting, running, removing, paused, exited or dead
 * @param startedAt      when it last started (null if never)
 * @param exitCode       of the last run, for exited containers
 * @param composeProject the {@code com.docker.compose.project} label, or null
 * @param ports          published ports as "127.0.0.1:18581→8080/tcp", exposed ones as "8080/tcp"
 * @param cpuPercent     CPU as docker stats counts it (100 % = one core); null when not running or not yet read
 */
public record Container(String node, String id, String name, String image, String state, Health health,
        int restartCount, Instant startedAt, Integer exitCode, String composeProject, String composeService,
        List<String> ports, Double cpuPercent, Long memoryUsedBytes, Long memoryLimitBytes) {

    public enum Health { HEALTHY, UNHEALTHY, STARTING, NONE }

    public Container {
        ports = List.copyOf(ports);
    }

    public boolean running() {
        return "running".equals(state);
    }

    /** "node/name", how actions and the audit log name it. */
    public String qualifiedName() {
        return node + "/" + name;
    }

    public Container withStats(Double cpu, Long memoryUsed, Long memoryLimit) {
        return new Container(node, id, name, image, state, health, restartCount, startedAt, exitCode, composeProject,
                composeService, ports, cpu, memoryUsed, memoryLimit);
    }
}
