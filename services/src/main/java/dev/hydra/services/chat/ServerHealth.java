package dev.hydra.services.chat;

/** {@code GET /v1/health/}: the server's version and status ("ok"). */
public record ServerHealth(String version, String status) {
}
