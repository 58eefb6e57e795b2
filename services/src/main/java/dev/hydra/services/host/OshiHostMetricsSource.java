package dev.hydra.services.host;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.hardware.NetworkIF;
import oshi.software.os.OSFileStore;
import oshi.software.os.OperatingSystem;

/**
 * This machine through OSHI (portable across Linux, Windows and macOS). Disk usage is re-read every
 * {@link #DISK_REFRESH} (it is the costliest part and changes slowly). CPU and network figures are rates, so
 * they need two readings: the first call takes a baseline and waits one short sampling window; later calls
 * measure since the previous call. Not thread-safe: one collector owns one instance.
 */
public final class OshiHostMetricsSource implements HostMetricsSource {

    /** Not real disks; overlay is kept only at "/", where it is the root of a container this app runs in. */
    private static final Set<String> PSEUDO_FILESYSTEMS =
            Set.of("tmpfs", "devtmpfs", "squashfs", "ramfs", "nsfs", "overlay", "autofs", "efivarfs");

    /** Filesystem usage moves slowly and reading it (mounts + statvfs) is half the cost of a refresh. */
    static final Duration DISK_REFRESH = Duration.ofSeconds(10);

    private final Duration firstSampleWindow;
    private final HardwareAbstractionLayer hardware;
    private final OperatingSystem os;
    private final CentralProcessor cpu;
    private long[] previousTicks;
    private long[][] previousCoreTicks;
    private Map<String, Counter> previousNetwork = Map.of();
    private List<DiskUsage> disks = List.of();
    private long disksReadAt = Long.MIN_VALUE;

    public OshiHostMetricsSource(Duration firstSampleWindow) {
        this.firstSampleWindow = firstSampleWindow;
        SystemInfo system = new SystemInfo();
        this.hardware = system.getHardware();
        this.os = system.getOperatingSystem();
        this.cpu = hardware.getProcessor();
    }

    /** This machine's name as the OS knows it (gethostname, no DNS lookup), without reading any metrics. */
    public static String localHostName() {
        return new SystemInfo().getOperatingSystem().getNetworkParams().getHostName();
    }

    @Override
    public HostMetrics read() throws InterruptedException {
        if (previousTicks == null) {
            takeBaseline();
            Thread.sleep(firstSampleWindow);
        }
        long[] ticks = cpu.getSystemCpuLoadTicks();
        long[][] coreTicks = cpu.getProcessorCpuLoadTicks();
        double busy = cpu.getSystemCpuLoadBetweenTicks(previousTicks);
        double[] perCore = cpu.getProcessorCpuLoadBetweenTicks(previousCoreTicks);
        previousTicks = ticks;
        previousCoreTicks = coreTicks;

        GlobalMemory memory = hardware.getMemory();
        double[] load = cpu.getSystemLoadAverage(3);
        return new HostMetrics(
                os.getNetworkParams().getHostName(),
                (os.getFamily() + " " + os.getVersionInfo().getVersion()).strip(),
                cpu.getProcessorIdentifier().getName().strip(),
                cpu.getLogicalProcessorCount(),
                100.0 * busy,
                Arrays.stream(perCore).map(v -> 100.0 * v).boxed().toList(),
                loadOrNull(load[0]), loadOrNull(load[1]), loadOrNull(load[2]),
                memory.getTotal(),
                memory.getTotal() - memory.getAvailable(),
                memory.getVirtualMemory().getSwapTotal(),
                memory.getVirtualMemory().getSwapUsed(),
                disks(),
                network(),
                os.getSystemUptime());
    }

    private void takeBaseline() {
        previousTicks = cpu.getSystemCpuLoadTicks();
        previousCoreTicks = cpu.getProcessorCpuLoadTicks();
        previousNetwork = countNetwork();
    }

    private List<DiskUsage> disks() {
        long now = System.nanoTime();
        if (disksReadAt == Long.MIN_VALUE || now - disksReadAt >= DISK_REFRESH.toNanos()) {
            disks = readDisks();
            disksReadAt = now;
        }
        return disks;
    }

    private List<DiskUsage> readDisks() {
        List<DiskUsage> disks = new ArrayList<>();
        for (OSFileStore store : os.getFileSystem().getFileStores(true)) {
            boolean root = "/".equals(store.getMount());
            if ((PSEUDO_FILESYSTEMS.contains(store.getType()) && !root) || store.getTotalSpace() <= 0) {
                continue;
            }
            disks.add(new DiskUsage(store.getMount(), store.getType(), store.getTotalSpace(),
                    store.getTotalSpace() - store.getFreeSpace(), store.getUsableSpace()));
        }
        return disks;
    }

    private List<NetworkRate> network() {
        Map<String, Counter> now = countNetwork();
        List<NetworkRate> rates = new ArrayList<>();
        now.forEach((name, current) -> {
            Counter before = previousNetwork.get(name);
            if (before == null || current.atMillis <= before.atMillis) {
                return;
            }
            double seconds = (current.atMillis - before.atMillis) / 1000.0;
            rates.add(new NetworkRate(name,
                    Math.max(0, current.received - before.received) / seconds,
                    Math.max(0, current.sent - before.sent) / seconds,
                    NetworkRate.isPhysical(name)));
        });
        previousNetwork = now;
        rates.sort((a, b) -> a.name().compareTo(b.name()));
        return rates;
    }

    private Map<String, Counter> countNetwork() {
        Map<String, Counter> counters = new HashMap<>();
        for (NetworkIF nic : hardware.getNetworkIFs(false)) {
            counters.put(nic.getName(), new Counter(nic.getBytesRecv(), nic.getBytesSent(), nic.getTimeStamp()));
        }
        return counters;
    }

    private static Double loadOrNull(double value) {
        return value < 0 ? null : value;
    }

    private record Counter(long received, long sent, long atMillis) {
    }
}
