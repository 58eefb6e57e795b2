package dev.hydra.services.containers;

import dev.hydra.services.transport.process.CommandResult;
import dev.hydra.services.transport.process.CommandRunner;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which container a process belongs to, from its cgroup ({@code /proc/PID/cgroup} names the container's 64-digit id
 * under cgroup v1 ".../docker/ID" and v2 ".../docker-ID.scope"). One command for all PIDs, run on the node itself.
 */
public final class CgroupContainers {

    private static final Pattern CONTAINER_ID = Pattern.compile("(?:docker[/-]|/)([0-9a-f]{64})(?:\\.scope)?");

    private CgroupContainers() {
    }

    /** PID → container id, for those PIDs that run in a container. */
    public static Map<Long, String> containerIds(Set<Long> pids, CommandRunner node, Duration timeout)
            throws IOException, InterruptedException {
        if (pids.isEmpty()) {
            return Map.of();
        }
        String list = pids.stream().map(String::valueOf).collect(Collectors.joining(" "));
        CommandResult result = node.run(List.of("sh", "-c",
                "for p in " + list + "; do echo \"== $p\"; cat /proc/$p/cgroup 2>/dev/null; done"), timeout);
        if (!result.succeeded()) {
            throw new IOException("reading process cgroups failed: " + result.firstOutputLine());
        }
        return parse(result.stdout());
    }

    static Map<Long, String> parse(String output) {
        Map<Long, String> ids = new HashMap<>();
        Long pid = null;
        for (String line : output.split("\n")) {
            if (line.startsWith("== ")) {
                pid = Long.parseLong(line.substring(3).strip());
                continue;
            }
            Matcher matcher = CONTAINER_ID.matcher(line);
            if (pid != null && matcher.find()) {
                ids.putIfAbsent(pid, matcher.group(1));
            }
        }
        return ids;
    }
}
