package dev.hydra.app.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.hydra.app.AppComposition;
import dev.hydra.services.json.Json;
import dev.hydra.services.review.Asset;
import dev.hydra.services.review.AssetLibrary;
import dev.hydra.services.review.AssetQuery;
import dev.hydra.services.review.AssetSummary;
import dev.hydra.services.review.ReviewState;
import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hydra review export FILE}: one JSON line per decided image (the labels for training or analysis). */
@Command(name = "export", description = "Write one JSON line per decided image to FILE: file, hash, metadata, label, "
        + "reasons, rating, time.", mixinStandardHelpOptions = true)
final class ReviewExportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The JSONL file to write (replaced).")
    private Path file;

    private final AppComposition app;

    ReviewExportCommand(AppComposition app) {
        this.app = app;
    }

    @JsonPropertyOrder({"file", "hash", "metadata", "label", "reasons", "rating", "time", "decidedBy", "character",
            "scene"})
    record Line(String file, String hash, MetadataJson metadata, String label, List<String> reasons, Integer rating,
            Instant time, String decidedBy, String character, String scene) {
    }

    @Override
    public Integer call() throws Exception {
        AssetLibrary library = app.assets();
        Path target = file.toAbsolutePath();
        Path temporary = Files.createTempFile(target.getParent(), ".export", ".tmp");
        int lines = 0;
        try (BufferedWriter writer = Files.newBufferedWriter(temporary)) {
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
                lines++;
            }
        }
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%d decisions written to %s%n", lines, target);
        out.flush();
        return 0;
    }
}
