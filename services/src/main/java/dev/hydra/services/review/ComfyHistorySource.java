package dev.hydra.services.review;

import java.io.IOException;
import java.util.List;

/**
 * The history of one ComfyUI server, as the asset library needs it. The ComfyUI client (services.comfy) implements
 * it over {@code GET /history} and {@code GET /view}; this package only knows this interface.
 */
public interface ComfyHistorySource {

    /**
     * One image a finished prompt produced, as listed in a history entry's {@code outputs[node].images}.
     *
     * @param type "output" for SaveImage files, "temp" for PreviewImage (deleted by ComfyUI on restart)
     */
    record OutputImage(String promptId, String nodeId, String filename, String subfolder, String type) {
    }

    /** A short name for the server, used as the download folder and in the asset's source (e.g. "hydra-compute"). */
    String serverName();

    /** The output images of the newest {@code maxItems} history entries, oldest first. */
    List<OutputImage> outputs(int maxItems) throws IOException;

    /**
     * The file's exact bytes through {@code /view} without {@code preview} or {@code channel} (both re-encode and
     * drop the metadata).
     */
    byte[] download(OutputImage image) throws IOException;
}
