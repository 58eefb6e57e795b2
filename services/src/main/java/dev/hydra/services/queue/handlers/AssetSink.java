package dev.hydra.services.queue.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/**
 * Where generated files are registered as assets. The composition root binds it to the asset library; the default
 * {@link #JOB_OUTPUTS_ONLY} registers nothing beyond the job's own outputs (which always list the files).
 */
@FunctionalInterface
public interface AssetSink {

    AssetSink JOB_OUTPUTS_ONLY = asset -> {
    };

    void register(ProducedAsset asset);

    /**
     * A file a job produced.
     *
     * @param parentJobId   the job it derives from (lineage), or null
     * @param parentAssetId the image it re-generates (payload key {@code parentAsset}), or null
     * @param metadata      how it was made: the graph, seeds, prompt id
     */
    record ProducedAsset(String jobId, Path file, String parentJobId, Long parentAssetId, JsonNode metadata) {
    }
}
