package dev.hydra.bench;

import dev.hydra.services.imaging.ImageCodec;
import dev.hydra.services.metadata.MetadataReader;
import dev.hydra.services.metadata.ReadStatus;
import dev.hydra.services.review.Classifier;
import dev.hydra.services.review.DatabaseAssetLibrary;
import dev.hydra.services.review.FolderImporter;
import dev.hydra.services.review.ImportReport;
import dev.hydra.services.store.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.commons.statistics.descriptive.Median;
import org.apache.commons.statistics.descriptive.Quantile;

/**
 * bench/run review: (1) index 20,000 PNGs made from the fixtures (metadata + SHA-256 into an H2 file database;
 * thumbnails are lazy), (2) on 2,000 of them, our metadata extraction against {@code exiftool -j} and our
 * thumbnailing against {@code vipsthumbnail}, with the same parallelism (one worker per core) in the same run, and
 * (3) key press → next image shown, p50/p99 over 500 decisions on 2–8 MP images, inside the app.
 */
final class ReviewBenchmark implements Callable<String> {

    /** HYDRA_BENCH_SCALE=0.1 runs a tenth of everything, to try the benchmark out; figures come from 1. */
    private static final double SCALE = Double.parseDouble(System.getenv().getOrDefault("HYDRA_BENCH_SCALE", "1"));
    private static final int INDEX_COUNT = (int) (20_000 * SCALE);
    private static final int PEER_COUNT = (int) (2_000 * SCALE);
    private static final int DECISIONS = (int) (500 * SCALE);
    private static final int RUNS = 3;
    private static final int THUMB = 320;
    /** One decision every half second: a fast culler (Lightroom users report about one a second). */
    private static final long PACE_MS = 500;

    private final int workers = Runtime.getRuntime().availableProcessors();

    @Override
    public String call() throws Exception {
        requireTool("exiftool", "apt-get install libimage-exiftool-perl");
        requireTool("vipsthumbnail", "apt-get install libvips-tools");
        Path root = Files.createTempDirectory("hydra-bench-review");
        try {
            say("making %,d PNGs from the fixtures in %s", INDEX_COUNT, root);
            List<Path> corpus = ReviewCorpus.fromFixtures(root.resolve("corpus"), INDEX_COUNT);
            List<Path> peerSet = corpus.subList(0, PEER_COUNT);
            long bytes = 0;
            for (Path file : corpus) {
                bytes += Files.size(file);
            }
            // Write the corpus out before timing: otherwise the kernel flushes gigabytes during the index run.
            new ProcessBuilder("sync").inheritIO().start().waitFor();

            double indexSeconds = index(root.resolve("corpus"), root.resolve("db-index"));
            say("index: %,d images (%.1f GB) in %.1f s: %.0f files/s, %.0f MB/s", INDEX_COUNT, bytes / 1e9,
                    indexSeconds, INDEX_COUNT / indexSeconds, bytes / 1e6 / indexSeconds);

            double[] ours = new double[RUNS];
            double[] exif = new double[RUNS];
            // Read the 2,000 files once untimed, so neither side pays for the disk; then alternate who goes first.
            for (Path file : peerSet) {
                Files.readAllBytes(file);
            }
            for (int run = 0; run < RUNS; run++) {
                if (run % 2 == 0) {
                    ours[run] = metadataRate(peerSet);
                    exif[run] = exiftoolRate(peerSet);
                } else {
                    exif[run] = exiftoolRate(peerSet);
                    ours[run] = metadataRate(peerSet);
                }
                say("metadata run %d: ours %.0f files/s, exiftool %.0f files/s", run + 1, ours[run], exif[run]);
            }
            double ourThumbs = thumbnailRate(peerSet, root.resolve("thumbs-ours"));
            double vipsThumbs = vipsRate(peerSet, root.resolve("thumbs-vips"));
            say("thumbnails: ours %.1f files/s, vipsthumbnail %.1f files/s", ourThumbs, vipsThumbs);

            say("making %d images of 2-8 MP", DECISIONS + 20);
            List<Path> large = ReviewCorpus.large(root.resolve("large"), DECISIONS + 20);
            double[] latencies;
            try (Database database = Database.openEmbedded(root.resolve("db-review"))) {
                DatabaseAssetLibrary library = library(database);
                ImportReport report = new FolderImporter(library, workers).importFolder(root.resolve("large"), o -> { });
                if (report.added() != large.size()) {
                    throw new IllegalStateException("expected " + large.size() + " images, indexed " + report.added());
                }
                latencies = new DecisionLatency(library, PACE_MS).measure(DECISIONS);
            }
            double[] latencySpread = Quantile.withDefaults().evaluate(latencies, 0.5, 0.9, 0.99);
            double ourRate = Median.withDefaults().evaluate(ours);
            double exifRate = Median.withDefaults().evaluate(exif);
            say("metadata files/s: ours median %.0f (runs %s), exiftool median %.0f (runs %s)", ourRate,
                    list(ours), exifRate, list(exif));
            say("decision -> next image: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms", latencySpread[0],
                    latencySpread[1], latencySpread[2], java.util.Arrays.stream(latencies).max().orElse(0));
            return String.format(Locale.ROOT, "index_20k_s=%.1f exiftool_ratio=%.1f vips_ratio=%.2f "
                            + "next_image_p99_ms=%.1f next_image_p50_ms=%.1f metadata_files_per_s=%.0f "
                            + "exiftool_files_per_s=%.0f thumbs_per_s=%.1f vips_thumbs_per_s=%.1f workers=%d",
                    indexSeconds, ourRate / exifRate, ourThumbs / vipsThumbs, latencySpread[2], latencySpread[0],
                    ourRate, exifRate, ourThumbs, vipsThumbs, workers);
        } finally {
            deleteTree(root);
        }
    }

    private double index(Path folder, Path databaseDir) throws Exception {
        try (Database database = Database.openEmbedded(databaseDir)) {
            DatabaseAssetLibrary library = library(database);
            long start = System.nanoTime();
            ImportReport report = new FolderImporter(library, workers).importFolder(folder, o -> { });
            double seconds = (System.nanoTime() - start) / 1e9;
            if (report.added() != INDEX_COUNT || !report.failed().isEmpty()) {
                throw new IllegalStateException("indexed " + report.added() + ", failed " + report.failed().size());
            }
            return seconds;
        }
    }

    private static DatabaseAssetLibrary library(Database database) {
        return new DatabaseAssetLibrary(database.jdbi(), Clock.systemUTC(), new MetadataReader(), Classifier.none());
    }

    /** Files per second through our reader, one worker per core. */
    private double metadataRate(List<Path> files) throws Exception {
        MetadataReader reader = new MetadataReader();
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime();
        parallel(files, file -> {
            if (reader.read(file).status() == ReadStatus.ERROR) {
                failed.incrementAndGet();
            }
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " files unreadable");
        }
        return files.size() / seconds;
    }

    /** Files per second through {@code exiftool -j}, one process per core, each on its share of the files. */
    private double exiftoolRate(List<Path> files) throws Exception {
        long start = System.nanoTime();
        runShards(files, shard -> {
            List<String> command = new ArrayList<>(List.of("exiftool", "-j", "-q"));
            shard.forEach(f -> command.add(f.toString()));
            return command;
        });
        return files.size() / ((System.nanoTime() - start) / 1e9);
    }

    private double thumbnailRate(List<Path> files, Path out) throws Exception {
        Files.createDirectories(out);
        long start = System.nanoTime();
        parallel(files, file -> {
            try {
                ImageCodec.writeJpeg(ImageCodec.decode(file, THUMB), out.resolve(file.getFileName() + ".jpg"));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return files.size() / ((System.nanoTime() - start) / 1e9);
    }

    private double vipsRate(List<Path> files, Path out) throws Exception {
        Files.createDirectories(out);
        long start = System.nanoTime();
        runShards(files, shard -> {
            List<String> command = new ArrayList<>(List.of("vipsthumbnail", "-s", Integer.toString(THUMB), "-o",
                    out + "/%s.jpg[Q=85]"));
            shard.forEach(f -> command.add(f.toString()));
            return command;
        });
        return files.size() / ((System.nanoTime() - start) / 1e9);
    }

    private void parallel(List<Path> files, java.util.function.Consumer<Path> work) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
            List<Future<?>> futures = new ArrayList<>();
            for (Path file : files) {
                futures.add(pool.submit(() -> work.accept(file)));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        }
    }

    private void runShards(List<Path> files, java.util.function.Function<List<Path>, List<String>> command)
            throws Exception {
        List<Process> processes = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            List<Path> shard = new ArrayList<>();
            for (int i = w; i < files.size(); i += workers) {
                shard.add(files.get(i));
            }
            processes.add(new ProcessBuilder(command.apply(shard)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        }
        for (Process process : processes) {
            if (process.waitFor() != 0) {
                throw new IllegalStateException(process.info().command().orElse("peer") + " exited with "
                        + process.exitValue());
            }
        }
    }

    private static void requireTool(String tool, String install) throws Exception {
        Process probe = new ProcessBuilder("sh", "-c", "command -v " + tool).redirectErrorStream(true).start();
        if (probe.waitFor() != 0) {
            throw new IllegalStateException(tool + " is not installed: " + install);
        }
    }

    private static String list(double[] values) {
        return String.join("/", java.util.Arrays.stream(values).mapToObj(v -> String.format(Locale.ROOT, "%.0f", v))
                .toList());
    }

    private static void say(String format, Object... args) {
        System.err.println("review: " + String.format(Locale.ROOT, format, args));
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
