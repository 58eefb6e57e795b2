package dev.hydra.bench;

import java.util.Map;
import java.util.concurrent.Callable;

/** Entry point of bench/run: runs one benchmark by name; its last line is "RESULT name key=value ...". */
public final class BenchMain {

    private static final Map<String, Callable<String>> BENCHMARKS = Map.of("collect", new CollectBenchmark(),
            "startup", new StartupBenchmark());

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Callable<String> benchmark = args.length == 0 ? null : BENCHMARKS.get(args[0]);
        if (benchmark == null) {
            System.err.println("usage: bench/run NAME; benchmarks: " + String.join(", ", BENCHMARKS.keySet()));
            System.exit(2);
        }
        String result = benchmark.call();
        System.out.println("RESULT " + args[0] + " " + result);
        System.exit(0);
    }
}
