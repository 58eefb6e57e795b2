package dev.hydra.services.host;

import dev.hydra.services.transport.process.CommandResult;
import dev.hydra.services.transport.process.CommandRunner;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A Linux node's vital signs from {@code /proc} and {@code df}, read with one command through a
 * {@link CommandRunner} (SSH for remote nodes without node_exporter). CPU and network rates come from the change
 * since the previous reading, so the first reading has none (null, never a false zero).
 */
public final class ProcHostMetricsSource implements HostMetricsSource {

    static final String COMMAND = "echo '==stat'; cat /proc/stat; echo '==meminfo'; cat /proc/meminfo; "
            + "echo '==loadavg'; cat /proc/loadavg; echo '==uptime'; cat /proc/uptime; echo '==netdev'; "
            + "cat /proc/net/dev; echo '==cpuinfo'; grep -m1 'model name' /proc/cpuinfo; echo '==uname'; uname -snr; "
            + "echo '==df'; df -kPT 2>/dev/null; true";
    private static final Pattern VIRTUAL_FS = Pattern.compile("tmpfs|devtmpfs|overlay|squashfs|nsfs|ramfs|autofs|proc"
            + "|sysfs|cgroup2?|fuse\\..*|efivarfs|shm");

    private final CommandRunner runner;
    private final Duration timeout;
    private Sample previous;

    public ProcHostMetricsSource(CommandRunner runner, Duration timeout) {
        this.runner = runner;
        this.timeout = timeout;
    }

    @Override
    public synchronized HostMetrics read() throws IOException, InterruptedException {
        CommandResult result = runner.run(List.of("sh", "-c", COMMAND), timeout);
        if (result.timedOut()) {
            throw new IOException("reading /proc did not finish within " + timeout.toMillis() + " ms");
        }
        if (result.exitCode() != 0 || !result.stdout().contains("==meminfo")) {
            throw new IOException("reading /proc failed (exit code " + result.exitCode() + "): " + result.firstOutputLine());
        }
        Sample now = Sample.parse(result.stdout(), System.nanoTime());
        HostMetrics metrics = now.toMetrics(previous);
        previous = now;
        return metrics;
    }

    /** One reading of the raw counters. */
    record Sample(long nanos, Map<String, String> sections, List<long[]> cpuTicks, Map<String, long[]> netBytes) {

        static Sample parse(String output, long nanos) throws IOException {
            Map<String, String> sections = new LinkedHashMap<>();
            String current = null;
            StringBuilder text = new StringBuilder();
            for (String line : output.split("\n")) {
                if (line.startsWith("==")) {
                    if (current != null) {
                        sections.put(current, text.toString());
                    }
                    current = line.substring(2).strip();
                    text.setLength(0);
                } else {
                    text.append(line).append('\n');
                }
            }
            if (current != null) {
                sections.put(current, text.toString());
            }
            List<long[]> cpus = new ArrayList<>();
            for (String line : sections.getOrDefault("stat", "").split("\n")) {
                if (line.startsWith("cpu")) {
                    String[] f = line.trim().split("\\s+");
                    long[] ticks = new long[f.length - 1];
                    for (int i = 1; i < f.length; i++) {
                        ticks[i - 1] = Long.parseLong(f[i]);
                    }
                    cpus.add(ticks);
                }
            }
            if (cpus.isEmpty()) {
                throw new IOException("/proc/stat has no cpu line");
            }
            Map<String, long[]> net = new LinkedHashMap<>();
            for (String line : sections.getOrDefault("netdev", "").split("\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && !line.contains("|")) {
                    String[] f = line.substring(colon + 1).trim().split("\\s+");
                    if (f.length >= 9) {
                        net.put(line.substring(0, colon).strip(), new long[] {Long.parseLong(f[0]), Long.parseLong(f[8])});
                    }
                }
            }
            return new Sample(nanos, sections, cpus, net);
        }

        HostMetrics toMetrics(Sample before) {
            Map<String, Long> mem = meminfo(sections.getOrDefault("meminfo", ""));
            String[] load = sections.getOrDefault("loadavg", "").trim().split("\\s+");
            String uptime = sections.getOrDefault("uptime", "").trim().split("\\s+")[0];
            String[] uname = sections.getOrDefault("uname", "").trim().split("\\s+");
            String model = sections.getOrDefault("cpuinfo", "");
            model = model.contains(":") ? model.substring(model.indexOf(':') + 1).strip() : null;
            Double total = null;
            List<Double> perCore = new ArrayList<>();
            if (before != null && before.cpuTicks.size() == cpuTicks.size()) {
                total = busy(before.cpuTicks.getFirst(), cpuTicks.getFirst());
                for (int i = 1; i < cpuTicks.size(); i++) {
                    Double core = busy(before.cpuTicks.get(i), cpuTicks.get(i));
                    perCore.add(core == null ? 0 : core);
                }
            }
            Long memTotal = mem.get("MemTotal");
            Long memAvailable = mem.get("MemAvailable");
            Long swapTotal = mem.get("SwapTotal");
            Long swapFree = mem.get("SwapFree");
            return new HostMetrics(uname.length > 1 ? uname[1] : null,
                    uname.length > 2 ? uname[0] + " " + uname[2] : null, model, cpuTicks.size() - 1, total, perCore,
                    number(load, 0), number(load, 1), number(load, 2), memTotal,
                    memTotal == null || memAvailable == null ? null : memTotal - memAvailable, swapTotal,
                    swapTotal == null || swapFree == null ? null : swapTotal - swapFree,
                    disks(sections.getOrDefault("df", "")), network(before),
                    uptime.isEmpty() ? null : (long) Double.parseDouble(uptime));
        }

        private List<NetworkRate> network(Sample before) {
            List<NetworkRate> rates = new ArrayList<>();
            if (before == null) {
                return rates;
            }
            double seconds = (nanos - before.nanos) / 1e9;
            netBytes.forEach((name, now) -> {
                long[] then = before.netBytes.get(name);
                if (then != null && seconds > 0) {
                    rates.add(new NetworkRate(name, Math.max(0, now[0] - then[0]) / seconds,
                            Math.max(0, now[1] - then[1]) / seconds, NetworkRate.isPhysical(name)));
                }
            });
            return rates;
        }

        /** Busy share between two readings of one cpu line: everything but idle and iowait. */
        private static Double busy(long[] before, long[] after) {
            long total = 0;
            long idle = 0;
            for (int i = 0; i < Math.min(8, after.length); i++) {
                long delta = after[i] - before[i];
                total += delta;
                if (i == 3 || i == 4) {
                    idle += delta;
                }
            }
            return total <= 0 ? null : Math.max(0, Math.min(100, 100.0 * (total - idle) / total));
        }

        private static Map<String, Long> meminfo(String text) {
            Map<String, Long> values = new HashMap<>();
            for (String line : text.split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 2 && f[0].endsWith(":")) {
                    long value = Long.parseLong(f[1]);
                    values.put(f[0].substring(0, f[0].length() - 1), f.length > 2 && f[2].equals("kB") ? value * 1024
                            : value);
                }
            }
            return values;
        }

        private static List<DiskUsage> disks(String df) {
            List<DiskUsage> disks = new ArrayList<>();
            for (String line : df.split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 7 || f[0].equals("Filesystem") || VIRTUAL_FS.matcher(f[1]).matches()
                        || !f[6].startsWith("/") || f[6].matches("/(run|sys|proc|dev|var/lib/docker|snap)($|/.*)")) {
                    continue;
                }
                try {
                    long size = Long.parseLong(f[2]) * 1024;
                    long used = Long.parseLong(f[3]) * 1024;
                    long available = Long.parseLong(f[4]) * 1024;
                    disks.add(new DiskUsage(f[6], f[1], size, used, available));
                } catch (NumberFormatException e) {
                    // a line df wrapped or a mount with odd characters: leave it out
                }
            }
            return disks;
        }

        private static Double number(String[] fields, int index) {
            try {
                return fields.length > index ? Double.parseDouble(fields[index]) : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
