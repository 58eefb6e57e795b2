package dev.hydra.app;

import dev.hydra.services.comfy.ComfyException;
import dev.hydra.services.comfy.ComfyUiClient;
import dev.hydra.services.comfy.HistoryEntry;
import dev.hydra.services.comfy.OutputFile;
import dev.hydra.services.review.ComfyHistorySource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;

/** A ComfyUI server's history as the asset library reads it, through the queue's ComfyUI client. */
final class ComfyUiHistory implements ComfyHistorySource {

    private final ComfyUiClient client;

    ComfyUiHistory(ComfyUiClient client) {
        this.client = client;
    }

    @Override
    public String serverName() {
        HttpUrl url = HttpUrl.parse(client.baseUrl());
        return url == null ? client.baseUrl() : url.host() + "-" + url.port();
    }

    @Override
    public List<OutputImage> outputs(int maxItems) throws IOException {
        List<OutputImage> images = new ArrayList<>();
        try {
            for (HistoryEntry entry : client.recentHistory(maxItems)) {
                if (entry.succeeded()) {
                    for (OutputFile file : entry.outputs()) {
                        images.add(new OutputImage(entry.promptId(), file.nodeId(), file.filename(), file.subfolder(),
                                file.type()));
                    }
                }
            }
        } catch (ComfyException e) {
            throw new IOException(e.getMessage(), e);
        }
        return images;
    }

    @Override
    public byte[] download(OutputImage image) throws IOException {
        try {
            return client.fetch(new OutputFile(image.nodeId(), image.filename(), image.subfolder(), image.type()));
        } catch (ComfyException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
