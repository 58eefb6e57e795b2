package dev.hydra.app.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.hydra.app.AppComposition;
import dev.hydra.services.json.Json;
import dev.hydra.services.learning.PreferencePairs;
import dev.hydra.services.review.Asset;
import dev.hydra.services.review.AssetLibrary;
import dev.hydra.services.review.AssetQuery;
import dev.hydra.services.review.AssetSummary;
import dev.hydra.services.review.ReviewState;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hydra review export FILE}: one JSON line per decided image (the labels for training or analysis);
 * {@code --pairs}: chosen/rejected pairs of one prompt and character in the preference-dataset layout.
 */
@Command(name = "export", description = {"Write one JSON line per decided image to FILE: file, hash, metadata, label, "
        + "reasons, rating, time.", "With --pairs: chosen/rejected pairs (same prompt and character, from comparisons "
        + "and decisions) as {prompt, chosen, rejected, metadata}, the layout of preference (DPO) datasets."},
        mixinStandardHelpOptions = true)
final class ReviewExportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The JSONL file to write (replaced).")
    private Path file;

    @Option(names = "--pairs", description = "Write chosen/rejected pairs instead of decisions.")
    private boolean pairs;

    private final AppComposition app;

    ReviewExportCommand(AppComposition app) {
        this.app = app;
    }

    @JsonPropertyOrder({"file", "hash", "metadata", "label", "reasons", "rating", "time", "decidedBy", "character",
            "scene"})
    record Line(String file, String hash, MetadataJson metadata, String label, List<String> reasons, Integer rating,
            Instant time, String decidedBy, String character, String scene) {
    }

    /** One side of a pair: the image and what is known of it. */
    @JsonPropertyOrder({"file", "hash", "label", "reasons", "rating", "metadata"})
    record Side(String file, String hash, String label, List<String> reasons, Integer rating, MetadataJson metadata) {

        static Side of(Asset asset) {
            return new Side(asset.path().toString(), asset.contentHash(), asset.state().label(),
                    asset.reasons().stream().sorted().toList(), asset.rating(),
                    MetadataJson.of(asset.path().toString(), asset.metadata()));
        }
    }

    @JsonPropertyOrder({"source", "character", "negative_prompt", "chosen", "rejected"})
    record PairMetadata(String source, String character,
            @JsonProperty("negative_prompt") String negativePrompt, Side chosen,
            Side rejected) {
    }

    /** The preference-dataset layout: prompt, chosen, rejected (image files), plus metadata. */
    @JsonPropertyOrder({"prompt", "chosen", "rejected", "metadata"})
    record PairLine(String prompt, String chosen, String rejected, PairMetadata metadata) {
    }

    @Override
    public Integer call() throws Exception {
        return pairs ? writePairs() : writeDecisions();
    }

    private int writePairs() throws Exception {
        AssetLibrary library = app.assets();
        List<Asset> assets = library.metadataOf(library.list(AssetQuery.ALL).stream().map(AssetSummary::id).toList());
        var found = PreferencePairs.of(assets, app.learning().comparisons());
        Path target = writeAtomically(writer -> {
            for (var pair : found) {
                String negative = pair.chosen().metadata().finalPass().map(p -> p.negativeText()).orElse(null);
                writer.write(Json.mapper().writeValueAsString(new PairLine(pair.prompt(),
                        pair.chosen().path().toString(), pair.rejected().path().toString(), new PairMetadata(
                        pair.source(), pair.character(), negative, Side.of(pair.chosen()),
                        Side.of(pair.rejected())))));
                writer.newLine();
            }
        });
        long fromComparisons = found.stream().filter(p -> p.source().equals("comparison")).count();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%d pairs written to %s (%d from comparisons, %d from decisions)%n", found.size(), target,
                fromComparisons, found.size() - fromComparisons);
        out.flush();
        return 0;
    }

    private interface Lines {
        void write(BufferedWriter writer) throws IOException;
    }

    /** Writes next to FILE, then moves it into place: a reader never sees half a file. */
    private Path writeAtomically(Lines lines) throws IOException {
        Path target = file.toAbsolutePath();
        Path temporary = Files.createTempFile(target.getParent(), ".export", ".tmp");
        try (BufferedWriter writer = Files.newBufferedWriter(temporary)) {
            lines.write(writer);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    private int writeDecisions() throws Exception {
        AssetLibrary library = app.assets();
        int[] lines = {0};
        Path target = writeAtomically(writer -> {
            for (AssetSummary summary : library.list(AssetQuery.ALL)) {
                if (summary.state() == ReviewState.PENDING) {
                    continue;
                }
                Asset asset = library.get(summary.id()).orElseThrow();
                Line line = new Line(asset.path().toString(), asset.contentHash(),
                        MetadataJson.of(asset.path().toString(), asset.metadata()), asset.state().label(),
                        asset.reasons().stream().sorted().toList(), asset.rating(), asset.decidedAt(),
                        asset.decidedBy(), asset.character(), asset.scene());
                writer.write(Json.mapper().writeValueAsString(line));
                writer.newLine();
                lines[0]++;
            }
        });
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%d decisions written to %s%n", lines[0], target);
        out.flush();
        return 0;
    }
}
