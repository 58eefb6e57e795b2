package dev.hydra.services.config;

import java.time.Duration;

/**
 * An OpenAI-compatible endpoint for llm_task jobs ({@code llm:} in hydra.yaml): LiteLLM, Ollama, TabbyAPI, ...
 * The API key, if any, comes from the environment variable HYDRA_LLM_API_KEY, never from this file.
 *
 * @param url     the base URL including /v1, e.g. http://hydra-ai:4000/v1
 * @param model   the model used when neither the job nor its type names one
 * @param timeout how long one answer may take (default 10 min)
 */
public record LlmConfig(String url, String model, Duration timeout) {

    public LlmConfig {
        if (url == null || !url.matches("https?://.+")) {
            throw new IllegalArgumentException("llm.url must be an http(s) URL such as http://hydra-ai:4000/v1, got " + url);
        }
        timeout = QueueConfig.positive("llm.timeout", timeout, Duration.ofMinutes(10));
    }
}
