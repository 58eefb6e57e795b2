package dev.hydra.app.cli;

import dev.hydra.services.json.Json;
import dev.hydra.services.metadata.ImageMetadata;
import dev.hydra.services.metadata.MetadataReader;
import dev.hydra.services.metadata.ReadStatus;
import dev.hydra.services.metadata.SamplerPass;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hydra metadata FILE... [--json]}: the generation metadata found in images. */
@Command(name = "metadata", description = "Print the generation metadata (ComfyUI graph or A1111 parameters) of images.",
        mixinStandardHelpOptions = true)
final class MetadataCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--json", description = "Print a JSON array, one object per file (fields in docs/cli.md).")
    private boolean json;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "PNG, JPEG or WebP files.")
    private List<Path> files;

    MetadataCommand() {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        MetadataReader reader = new MetadataReader();
        List<MetadataJson> results = new ArrayList<>();
        boolean anyUnreadable = false;
        for (Path file : files) {
            ImageMetadata metadata = reader.read(file);
            anyUnreadable |= metadata.status() == ReadStatus.ERROR;
            if (json) {
                results.add(MetadataJson.of(file.toString(), metadata));
            } else {
                printText(out, file, metadata);
            }
        }
        if (json) {
            out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(results));
        }
        out.flush();
        return anyUnreadable ? 2 : 0;
    }

    private static void printText(PrintWriter out, Path file, ImageMetadata metadata) {
        out.printf("%s%n", file);
        out.printf("  image      %s%n", metadata.imageWidth() == null ? "unknown size"
                : metadata.format() + " " + metadata.imageWidth() + "x" + metadata.imageHeight());
        out.printf("  source     %s%n", metadata.source().label());
        for (SamplerPass pass : metadata.passes()) {
            out.printf("  %s %s%s%n", pass.finalPass() ? "final pass" : "first pass",
                    pass.classType(), pass.nodeId() == null ? "" : " (node " + pass.nodeId() + ")");
            line(out, "model", pass.model());
            pass.loras().forEach(l -> line(out, "lora", l.name() + " " + l.strengthModel()
                    + (l.strengthClip() == null ? "" : "/" + l.strengthClip())));
            line(out, "seed", pass.seed());
            line(out, "steps", pass.steps());
            line(out, "cfg", pass.cfg());
            line(out, "sampler", pass.samplerName());
            line(out, "scheduler", pass.scheduler());
            line(out, "denoise", pass.denoise());
            line(out, "size", pass.latentWidth() == null ? null : pass.latentWidth() + "x" + pass.latentHeight());
            line(out, "positive", pass.positiveText());
            line(out, "negative", pass.negativeText());
        }
        metadata.extraParameters().forEach((key, value) -> line(out, key, value));
        metadata.problems().forEach(problem -> out.printf("  %-10s %s%n", metadata.status() == ReadStatus.ERROR
                ? "ERROR" : "warning", problem));
    }

    private static void line(PrintWriter out, String label, Object value) {
        if (value != null) {
            out.printf("    %-10s %s%n", label, String.valueOf(value).replace("\n", "\n               "));
        }
    }
}
