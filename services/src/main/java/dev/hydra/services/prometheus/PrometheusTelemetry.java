package dev.hydra.services.prometheus;

import dev.hydra.services.gpu.Gpu;
import dev.hydra.services.host.DiskUsage;
import dev.hydra.services.host.HostMetrics;
import dev.hydra.services.host.NetworkRate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Node and GPU metrics of the whole cluster from Prometheus, a handful of queries per round however many nodes:
 * every node collector of the round shares one reading (fetched by the first to ask, at most once per
 * {@code maxAge}). Node series come from node_exporter; GPU series from nvidia_gpu_exporter ({@code nvidia_smi_*})
 * or dcgm-exporter ({@code DCGM_FI_*}), joined on GPU UUID.
 */
public final class PrometheusTelemetry {

    public static final String SOURCE = "prometheus";

    static final String GAUGES = "{__name__=~\"node_memory_(MemTotal|MemAvailable|SwapTotal|SwapFree)_bytes"
            + "|node_load(1|5|15)|node_uname_info|node_filesystem_(size|avail|free)_bytes|up\"}";
    static final String CPU_BUSY = "1 - rate(node_cpu_seconds_total{mode=\"idle\"}[1m])";
    static final String UPTIME = "time() - node_boot_time_seconds";
    static final String NET_RX = "rate(node_network_receive_bytes_total[1m])";
    static final String NET_TX = "rate(node_network_transmit_bytes_total[1m])";
    static final String NVIDIA_SMI = "{__name__=~\"nvidia_smi_(gpu_info|utilization_gpu_ratio|utilization_memory_ratio"
            + "|memory_(total|used|free)_bytes|temperature_gpu|power_draw_watts|power_limit_watts"
            + "|enforced_power_limit_watts|power_default_limit_watts|clocks_current_sm_clock_hz|fan_speed_ratio|pstate)\"}";
    static final String DCGM = "{__name__=~\"DCGM_FI_DEV_(GPU_UTIL|MEM_COPY_UTIL|FB_FREE|FB_USED|FB_RESERVED|GPU_TEMP"
            + "|POWER_USAGE|SM_CLOCK)\"}";
    private static final Pattern VIRTUAL_FS = Pattern.compile("tmpfs|devtmpfs|overlay|squashfs|nsfs|ramfs|autofs|fuse\\..*");
    private static final Pattern SYSTEM_MOUNT = Pattern.compile("/(run|sys|proc|dev|var/lib/docker|snap|tmp/.*)($|/.*)");
    /** DCGM's "blank" sentinel values are around 9.2e18. */
    private static final double DCGM_BLANK = 9.2e18;

    private final PrometheusClient client;
    private final Clock clock;
    private final Duration maxAge;
    private Round last;

    public PrometheusTelemetry(PrometheusClient client, Clock clock, Duration maxAge) {
        this.client = client;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    public PrometheusClient client() {
        return client;
    }

    /** This node's figures from the shared round (fetching a new round if the last is older than maxAge). */
    public PrometheusNodeReading read(NodeMatcher node) throws PrometheusException {
        Round round = round();
        return new PrometheusNodeReading(host(round, node), targetsDown(round, node), gpus(round, node),
                exporter(round, node));
    }

    private synchronized Round round() throws PrometheusException {
        Instant now = clock.instant();
        if (last != null && Duration.between(last.at, now).compareTo(maxAge) < 0) {
            if (last.failure != null) {
                throw last.failure;
            }
            return last;
        }
        try {
            last = new Round(now, client.query(GAUGES), client.query(CPU_BUSY), client.query(UPTIME),
                    client.query(NET_RX), client.query(NET_TX), client.query(NVIDIA_SMI), client.query(DCGM), null);
            return last;
        } catch (PrometheusException e) {
            last = new Round(now, null, null, null, null, null, null, null, e);
            throw e;
        }
    }

    private static HostMetrics host(Round round, NodeMatcher node) {
        Map<String, Sample> gauges = new HashMap<>();
        List<Sample> filesystems = new ArrayList<>();
        Sample uname = null;
        for (Sample sample : ByNode.of(round.gauges, node)) {
            String name = sample.label("__name__");
            if (name == null || name.equals("up") || !node.matches(sample.labels())) {
                continue;
            }
            if (name.startsWith("node_filesystem_")) {
                filesystems.add(sample);
            } else if (name.equals("node_uname_info")) {
                uname = sample;
            } else {
                gauges.put(name, sample);
            }
        }
        List<Sample> cpus = ByNode.of(round.cpuBusy, node).stream().filter(s -> node.matches(s.labels()))
                .sorted(Comparator.comparingInt(s -> number(s.label("cpu")))).toList();
        if (gauges.isEmpty() && cpus.isEmpty()) {
            return null;
        }
        List<Double> perCore = cpus.stream().map(s -> s.finite() == null ? 0.0 : clamp(100 * s.finite())).toList();
        Double cpuPercent = perCore.isEmpty() ? null : perCore.stream().mapToDouble(Double::doubleValue).average()
                .orElse(0);
        Long memTotal = whole(gauges.get("node_memory_MemTotal_bytes"));
        Long memAvailable = whole(gauges.get("node_memory_MemAvailable_bytes"));
        Long swapTotal = whole(gauges.get("node_memory_SwapTotal_bytes"));
        Long swapFree = whole(gauges.get("node_memory_SwapFree_bytes"));
        Long uptime = ByNode.of(round.uptime, node).stream().filter(s -> node.matches(s.labels()))
                .map(PrometheusTelemetry::whole)
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
        return new HostMetrics(uname == null ? null : uname.label("nodename"),
                uname == null ? null : uname.label("sysname") + " " + uname.label("release"), null,
                cpus.isEmpty() ? null : cpus.size(), cpuPercent, perCore,
                decimal(gauges.get("node_load1")), decimal(gauges.get("node_load5")), decimal(gauges.get("node_load15")),
                memTotal, memTotal == null || memAvailable == null ? null : memTotal - memAvailable,
                swapTotal, swapTotal == null || swapFree == null ? null : swapTotal - swapFree,
                disks(filesystems), network(round, node), uptime);
    }

    private static List<DiskUsage> disks(List<Sample> filesystems) {
        Map<String, Map<String, Double>> byMount = new LinkedHashMap<>();
        Map<String, String> types = new HashMap<>();
        for (Sample sample : filesystems) {
            String mount = sample.label("mountpoint");
            String type = sample.label("fstype");
            if (mount == null || (type != null && VIRTUAL_FS.matcher(type).matches())
                    || SYSTEM_MOUNT.matcher(mount).matches() || sample.finite() == null) {
                continue;
            }
            types.put(mount, type);
            byMount.computeIfAbsent(mount, m -> new HashMap<>()).put(sample.label("__name__"), sample.finite());
        }
        List<DiskUsage> disks = new ArrayList<>();
        byMount.forEach((mount, values) -> {
            Double size = values.get("node_filesystem_size_bytes");
            Double free = values.get("node_filesystem_free_bytes");
            Double avail = values.get("node_filesystem_avail_bytes");
            if (size != null && free != null && avail != null && size > 0) {
                disks.add(new DiskUsage(mount, types.get(mount), size.longValue(), (long) (size - free), avail.longValue()));
            }
        });
        disks.sort(Comparator.comparing(DiskUsage::mount));
        return disks;
    }

    private static List<NetworkRate> network(Round round, NodeMatcher node) {
        Map<String, double[]> byDevice = new LinkedHashMap<>();
        for (Sample sample : ByNode.of(round.netRx, node)) {
            if (node.matches(sample.labels()) && sample.label("device") != null) {
                byDevice.computeIfAbsent(sample.label("device"), d -> new double[2])[0] = orZero(sample.finite());
            }
        }
        for (Sample sample : ByNode.of(round.netTx, node)) {
            if (node.matches(sample.labels()) && sample.label("device") != null) {
                byDevice.computeIfAbsent(sample.label("device"), d -> new double[2])[1] = orZero(sample.finite());
            }
        }
        List<NetworkRate> rates = new ArrayList<>();
        byDevice.forEach((device, rate) -> rates.add(new NetworkRate(device, rate[0], rate[1],
                NetworkRate.isPhysical(device))));
        return rates;
    }

    private static List<String> targetsDown(Round round, NodeMatcher node) {
        return ByNode.of(round.gauges, node).stream()
                .filter(s -> "up".equals(s.label("__name__")) && node.matches(s.labels()) && s.value() == 0)
                .map(s -> s.label("job") + " (" + s.label("instance") + ")")
                .toList();
    }

    private static String exporter(Round round, NodeMatcher node) {
        if (ByNode.of(round.nvidiaSmi, node).stream().anyMatch(s -> node.matches(s.labels()))) {
            return "nvidia_gpu_exporter";
        }
        return ByNode.of(round.dcgm, node).stream().anyMatch(s -> node.matches(s.labels())) ? "dcgm-exporter" : null;
    }

    private static List<Gpu> gpus(Round round, NodeMatcher node) {
        List<Gpu> gpus = new ArrayList<>();
        gpus.addAll(fromExporter(ByNode.of(round.nvidiaSmi, node), node, "uuid", PrometheusTelemetry::nvidiaSmiGpu));
        if (gpus.isEmpty()) {
            gpus.addAll(fromExporter(ByNode.of(round.dcgm, node), node, "UUID", PrometheusTelemetry::dcgmGpu));
        }
        gpus.sort(Comparator.comparingInt(Gpu::index));
        return gpus;
    }

    private static List<Gpu> fromExporter(List<Sample> samples, NodeMatcher node, String uuidLabel,
            Function<Map<String, Sample>, Gpu> build) {
        Map<String, Map<String, Sample>> byGpu = new LinkedHashMap<>();
        for (Sample sample : samples) {
            String uuid = sample.label(uuidLabel);
            if (uuid != null && node.matches(sample.labels())) {
                byGpu.computeIfAbsent(normalizeUuid(uuid), u -> new HashMap<>()).put(sample.label("__name__"), sample);
            }
        }
        List<Gpu> gpus = new ArrayList<>();
        byGpu.values().forEach(metrics -> gpus.add(build.apply(metrics)));
        return gpus;
    }

    private static Gpu nvidiaSmiGpu(Map<String, Sample> m) {
        Sample info = m.get("nvidia_smi_gpu_info");
        Sample any = info != null ? info : m.values().iterator().next();
        Double pstate = decimal(m.get("nvidia_smi_pstate"));
        return new Gpu(info == null ? 0 : number(info.label("index")), displayUuid(any.label("uuid")),
                info == null ? null : info.label("name"),
                percent(m.get("nvidia_smi_utilization_gpu_ratio")), percent(m.get("nvidia_smi_utilization_memory_ratio")),
                mib(m.get("nvidia_smi_memory_used_bytes")), mib(m.get("nvidia_smi_memory_total_bytes")),
                mib(m.get("nvidia_smi_memory_free_bytes")), integer(m.get("nvidia_smi_temperature_gpu")),
                decimal(m.get("nvidia_smi_power_draw_watts")), decimal(m.get("nvidia_smi_power_limit_watts")),
                decimal(m.get("nvidia_smi_enforced_power_limit_watts")),
                hertzToMega(m.get("nvidia_smi_clocks_current_sm_clock_hz")), percent(m.get("nvidia_smi_fan_speed_ratio")),
                pstate == null ? null : "P" + pstate.intValue(), info == null ? null : info.label("driver_version"),
                List.of()).withDefaultPowerLimitW(decimal(m.get("nvidia_smi_power_default_limit_watts")));
    }

    private static Gpu dcgmGpu(Map<String, Sample> m) {
        Sample any = m.values().iterator().next();
        Long used = dcgmWhole(m.get("DCGM_FI_DEV_FB_USED"));
        Long free = dcgmWhole(m.get("DCGM_FI_DEV_FB_FREE"));
        Long reserved = dcgmWhole(m.get("DCGM_FI_DEV_FB_RESERVED"));
        Long total = used == null || free == null ? null : used + free + (reserved == null ? 0 : reserved);
        Long util = dcgmWhole(m.get("DCGM_FI_DEV_GPU_UTIL"));
        Long memUtil = dcgmWhole(m.get("DCGM_FI_DEV_MEM_COPY_UTIL"));
        Long temp = dcgmWhole(m.get("DCGM_FI_DEV_GPU_TEMP"));
        Long clock = dcgmWhole(m.get("DCGM_FI_DEV_SM_CLOCK"));
        Sample power = m.get("DCGM_FI_DEV_POWER_USAGE");
        return new Gpu(number(any.label("gpu")), displayUuid(any.label("UUID")), any.label("modelName"),
                util == null ? null : util.intValue(), memUtil == null ? null : memUtil.intValue(), used, total, free,
                temp == null ? null : temp.intValue(), power == null || power.value() >= DCGM_BLANK ? null : power.finite(),
                null, null, clock == null ? null : clock.intValue(), null, null, any.label("DCGM_FI_DRIVER_VERSION"),
                List.of());
    }

    /** The key GPUs are joined on: lower case, without the "GPU-" prefix (nvidia_gpu_exporter drops it). */
    public static String normalizeUuid(String uuid) {
        String lower = uuid.strip().toLowerCase(Locale.ROOT);
        return lower.startsWith("gpu-") ? lower.substring(4) : lower;
    }

    /** A UUID as nvidia-smi prints it: "GPU-" and the lower-case hex. */
    public static String displayUuid(String uuid) {
        return uuid == null ? null : "GPU-" + normalizeUuid(uuid);
    }

    private static Long dcgmWhole(Sample sample) {
        return sample == null || sample.finite() == null || sample.value() >= DCGM_BLANK ? null
                : Math.round(sample.value());
    }

    private static Integer percent(Sample ratio) {
        return ratio == null || ratio.finite() == null ? null : (int) Math.round(ratio.value() * 100);
    }

    private static Long mib(Sample bytes) {
        return bytes == null || bytes.finite() == null ? null : Math.round(bytes.value() / (1024 * 1024));
    }

    private static Integer hertzToMega(Sample hertz) {
        return hertz == null || hertz.finite() == null ? null : (int) Math.round(hertz.value() / 1e6);
    }

    private static Integer integer(Sample sample) {
        return sample == null || sample.finite() == null ? null : (int) Math.round(sample.value());
    }

    private static Double decimal(Sample sample) {
        return sample == null ? null : sample.finite();
    }

    private static Long whole(Sample sample) {
        return sample == null || sample.finite() == null ? null : Math.round(sample.value());
    }

    private static double orZero(Double value) {
        return value == null ? 0 : value;
    }

    private static double clamp(double percent) {
        return Math.max(0, Math.min(100, percent));
    }

    private static int number(String text) {
        try {
            return text == null ? 0 : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private record Round(Instant at, List<Sample> gauges, List<Sample> cpuBusy, List<Sample> uptime,
            List<Sample> netRx, List<Sample> netTx, List<Sample> nvidiaSmi, List<Sample> dcgm,
            PrometheusException failure) {

        Round {
            gauges = ByNode.index(gauges);
            cpuBusy = ByNode.index(cpuBusy);
            uptime = ByNode.index(uptime);
            netRx = ByNode.index(netRx);
            netTx = ByNode.index(netTx);
            nvidiaSmi = ByNode.index(nvidiaSmi);
            dcgm = ByNode.index(dcgm);
        }
    }

    /**
     * A round's samples indexed by the labels a {@link NodeMatcher} looks at, so each node filters only its own
     * series instead of the whole cluster's (2,000+ GPU series for 20 nodes). {@link #of} gives the candidates;
     * {@link NodeMatcher#matches} still decides.
     */
    private static final class ByNode extends java.util.AbstractList<Sample> {
        private final List<Sample> all;
        private final Map<String, List<Sample>> byKey = new HashMap<>();

        private ByNode(List<Sample> all) {
            this.all = all;
            for (Sample sample : all) {
                java.util.Set<String> keys = new java.util.HashSet<>();
                for (String label : new String[] {"node", "Hostname", "nodename"}) {
                    String value = sample.label(label);
                    if (value != null) {
                        keys.add(value);
                    }
                }
                String instance = sample.label("instance");
                if (instance != null) {
                    keys.add(instance);
                    keys.add(NodeMatcher.hostOf(instance));
                }
                for (String key : keys) {
                    byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(sample);
                }
            }
        }

        static List<Sample> index(List<Sample> samples) {
            return samples == null || samples instanceof ByNode ? samples : new ByNode(samples);
        }

        /** The samples that may belong to the node (a superset; match each). */
        static List<Sample> of(List<Sample> samples, NodeMatcher node) {
            if (!(samples instanceof ByNode indexed)) {
                return samples;
            }
            java.util.Set<Sample> found = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            List<Sample> candidates = new ArrayList<>();
            for (String key : new String[] {node.name(), node.host(), node.instance()}) {
                if (key == null) {
                    continue;
                }
                for (Sample sample : indexed.byKey.getOrDefault(key, List.of())) {
                    if (found.add(sample)) {
                        candidates.add(sample);
                    }
                }
            }
            return candidates;
        }

        @Override
        public Sample get(int index) {
            return all.get(index);
        }

        @Override
        public int size() {
            return all.size();
        }
    }
}
