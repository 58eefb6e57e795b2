package dev.hydra.services.config;

import java.net.URI;
import java.net.URISyntaxException;

/** Checks for the URLs in hydra.yaml, with messages that name the key. */
final class Endpoints {

    private Endpoints() {
    }

    /** An http or https URL with a host, or an exception naming {@code key}. */
    static String httpUrl(String key, String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(key + " is required (an http:// or https:// URL)");
        }
        try {
            URI uri = new URI(url.strip());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException(key + " must be an http:// or https:// URL with a host, got " + url);
            }
            if (uri.getUserInfo() != null) {
                throw new IllegalArgumentException(key + " must not carry a user or password (secrets never live in "
                        + "hydra.yaml)");
            }
            return url.strip().replaceAll("/+$", "");
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(key + " is not a valid URL: " + e.getMessage());
        }
    }

    static java.time.Duration positive(String key, java.time.Duration value, java.time.Duration fallback) {
        java.time.Duration result = value == null ? fallback : value;
        if (result.isZero() || result.isNegative()) {
            throw new IllegalArgumentException(key + " must be positive");
        }
        return result;
    }
}
