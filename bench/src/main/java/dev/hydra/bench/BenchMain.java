package dev.hydra.bench;

import java.util.Map;
import java.util.concurrent.Callable;

/** Entry point of bench/run: runs one benchmark by name; its last line is "RESULT name key=value ...". */
public final class BenchMain {

    private static Map<String, Callable<String>> benchmarks(String[] args) {
        return Map.of("collect", new CollectBenchmark(),
                "chat", new ChatBenchmark(),
                "monitoring", new MonitoringBenchmark(args.length > 1 ? Integer.parseInt(args[1]) : 300),
                "queue", new QueueBenchmark(),
                "review", new ReviewBenchmark(),
                "startup", new StartupBenchmark(),
                "learning", new LearningBenchmark(args.length > 1 ? Long.parseLong(args[1]) : 1));
    }

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Callable<String> benchmark = args.length == 0 ? null : benchmarks(args).get(args[0]);
        if (benchmark == null) {
            System.err.println("usage: bench/run NAME; benchmarks: " + String.join(", ", benchmarks(args).keySet()));
            System.exit(2);
        }
        String result = benchmark.call();
        System.out.println("RESULT " + args[0] + " " + result);
        System.exit(0);
    }
}
