package dev.hydra.ui.review;

import dev.hydra.ui.common.UiExecutor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import javafx.scene.image.Image;

/**
 * Thumbnails for grid and filmstrip cells: asks the {@link Thumbnailer} for the file (made in the background with
 * bounded concurrency, cached on disk by content hash) and keeps the most recent decoded images in memory.
 */
final class ThumbnailImages {

    private static final int KEEP = 600;

    private final Thumbnailer thumbnailer;
    private final UiExecutor ui;
    private final double size;
    private final Map<String, Image> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Image> eldest) {
            return size() > KEEP;
        }
    };

    ThumbnailImages(Thumbnailer thumbnailer, UiExecutor ui, double size) {
        this.thumbnailer = thumbnailer;
        this.ui = ui;
        this.size = size;
    }

    /** Calls {@code show} on the UI thread with the thumbnail, now if it is in memory, or when it is ready. */
    void load(ReviewItem item, Consumer<Image> show) {
        Image cached = cache.get(item.contentHash());
        if (cached != null) {
            show.accept(cached);
            return;
        }
        thumbnailer.thumbnail(item.contentHash(), item.path()).whenComplete((file, error) -> {
            if (error == null) {
                ui.execute(() -> {
                    Image image = cache.computeIfAbsent(item.contentHash(),
                            hash -> new Image(file.toUri().toString(), size, size, true, true, true));
                    show.accept(image);
                });
            }
        });
    }
}
