package dev.hydra.ui.review;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.image.Image;

/**
 * Decodes images at display size in the background (JavaFX's own loader threads) and keeps the last few, so the
 * next three and the previous image are ready before the culler gets there. Keyed by path and the size asked for:
 * a resized window asks again.
 */
final class ImageLoader {

    private static final int KEEP = 8;

    private record Key(Path path, int width, int height) {
    }

    private final Map<Key, Image> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Image> eldest) {
            return size() > KEEP;
        }
    };

    /** The image fitted into width × height (decoding may still be running: check {@link Image#getProgress()}). */
    Image fitted(Path path, double width, double height) {
        Key key = new Key(path, bucket(width), bucket(height));
        return cache.computeIfAbsent(key, k -> new Image(path.toUri().toString(), k.width(), k.height(), true, true,
                true));
    }

    /** Starts decoding these images so they are ready when shown. */
    void prefetch(List<Path> paths, double width, double height) {
        for (Path path : paths) {
            fitted(path, width, height);
        }
    }

    /** Full resolution, for 100 % zoom (not cached: one at a time). */
    static Image fullSize(Path path) {
        return new Image(path.toUri().toString(), true);
    }

    /** Sizes rounded up to 64 px, so a window moved by a few pixels does not decode everything again. */
    private static int bucket(double size) {
        return Math.max(64, (int) Math.ceil(size / 64.0) * 64);
    }
}
