package dev.hydra.services.config;

import java.time.Duration;

/**
 * A ComfyUI server for image_generation jobs ({@code comfyui:} in hydra.yaml).
 *
 * @param url     e.g. http://hydra-compute:8188
 * @param timeout how long one generation may take (default 30 min)
 */
public record ComfyUiConfig(String url, Duration timeout) {

    public ComfyUiConfig {
        if (url == null || !url.matches("https?://.+")) {
            throw new IllegalArgumentException("comfyui.url must be an http(s) URL such as http://hydra-compute:8188, got "
                    + url);
        }
        timeout = QueueConfig.positive("comfyui.timeout", timeout, Duration.ofMinutes(30));
    }
}
