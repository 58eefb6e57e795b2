package dev.hydra.services.transport.http;

import java.time.Duration;
import okhttp3.OkHttpClient;

/**
 * The one OkHttp client of the application: one connection pool and dispatcher for every HTTP service we talk to
 * (Prometheus, Alertmanager, ComfyUI, Letta, OpenAI-compatible endpoints). Clients that need other timeouts derive
 * theirs with {@link #withTimeouts}, which shares the pool.
 */
public final class HttpClients {

    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private static final OkHttpClient SHARED = new OkHttpClient.Builder()
            .connectTimeout(CONNECT_TIMEOUT)
            .readTimeout(READ_TIMEOUT)
            .writeTimeout(READ_TIMEOUT)
            .callTimeout(Duration.ZERO)
            .build();

    private HttpClients() {
    }

    public static OkHttpClient shared() {
        return SHARED;
    }

    /** A client sharing the pool, with its own read and whole-call timeouts (zero = none, for streams). */
    public static OkHttpClient withTimeouts(Duration read, Duration call) {
        return SHARED.newBuilder().readTimeout(read).callTimeout(call).build();
    }
}
