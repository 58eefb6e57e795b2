package dev.hydra.services.metadata;

/**
 * What the reader refuses to load, so a hostile or broken file costs bounded memory and time.
 *
 * @param maxChunkBytes    the largest metadata chunk (tEXt/zTXt/iTXt/EXIF) read into memory
 * @param maxInflatedBytes the most a compressed text chunk may inflate to
 * @param maxGraphNodes    the most nodes a ComfyUI graph may have before it is not analysed
 */
public record MetadataLimits(int maxChunkBytes, int maxInflatedBytes, int maxGraphNodes) {

    /** 16 MiB per chunk, 32 MiB inflated, 20,000 nodes: far above any real file (a big workflow is ~1 MB). */
    public static final MetadataLimits DEFAULT = new MetadataLimits(16 << 20, 32 << 20, 20_000);

    public MetadataLimits {
        if (maxChunkBytes <= 0 || maxInflatedBytes <= 0 || maxGraphNodes <= 0) {
            throw new IllegalArgumentException("metadata limits must be positive");
        }
    }
}
