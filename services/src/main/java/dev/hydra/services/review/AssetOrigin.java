package dev.hydra.services.review;

/**
 * Where a file being registered comes from.
 *
 * @param source        folder, ComfyUI history or queue job
 * @param sourceRef     the folder root, "server prompt-id", or null
 * @param jobId         the queue job that produced it (null unless {@link AssetSource#JOB})
 * @param parentAssetId the asset it re-generates (null for a first generation)
 */
public record AssetOrigin(AssetSource source, String sourceRef, String jobId, Long parentAssetId) {

    public AssetOrigin {
        if (source == null) {
            throw new IllegalArgumentException("an asset needs a source");
        }
    }

    public static AssetOrigin folder(java.nio.file.Path root) {
        return new AssetOrigin(AssetSource.FOLDER, root.toString(), null, null);
    }

    public static AssetOrigin job(String jobId, Long parentAssetId) {
        return new AssetOrigin(AssetSource.JOB, null, jobId, parentAssetId);
    }
}
