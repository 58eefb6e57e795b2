package dev.hydra.services.review;

import dev.hydra.services.config.ReviewConfig.QualityConfig;
import dev.hydra.services.metadata.ImageMetadata;
import dev.hydra.services.metadata.SamplerPass;
import java.util.EnumSet;
import java.util.Set;

/** Turns measures into flags with the configured thresholds. */
public final class QualityChecks {

    private final QualityConfig thresholds;

    public QualityChecks(QualityConfig thresholds) {
        this.thresholds = thresholds;
    }

    public Set<QualityFlag> flags(QualityMeasures measures, ImageMetadata metadata, boolean nearDuplicate) {
        Set<QualityFlag> flags = EnumSet.noneOf(QualityFlag.class);
        if (measures.meanLuma() <= thresholds.blankLevel() || measures.lumaSpread() <= thresholds.blankSpread()) {
            flags.add(QualityFlag.BLANK);
        } else if (measures.laplacianVariance() < thresholds.lowDetailVariance()) {
            flags.add(QualityFlag.LOW_DETAIL);
        }
        if (!flags.contains(QualityFlag.BLANK) && measures.clippedShare() > thresholds.clippedShare()) {
            flags.add(QualityFlag.CLIPPED);
        }
        SamplerPass pass = metadata.finalPass().orElse(null);
        if (pass != null && pass.latentWidth() != null && metadata.imageWidth() != null
                && (!pass.latentWidth().equals(metadata.imageWidth()) || !pass.latentHeight().equals(metadata.imageHeight()))) {
            flags.add(QualityFlag.SIZE_MISMATCH);
        }
        if (nearDuplicate) {
            flags.add(QualityFlag.DUPLICATE);
        }
        return flags;
    }

    public int duplicateDistance() {
        return thresholds.duplicateDistance();
    }
}
