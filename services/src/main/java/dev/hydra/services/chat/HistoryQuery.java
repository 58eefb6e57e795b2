package dev.hydra.services.chat;

/**
 * Which page of an agent's history to read. Cursors are message ids: {@code before} = older than it, {@code after}
 * = newer than it. The server may return items in either order and may not honour the direction the way the docs
 * say (Letta Cloud's cursors are order-relative), so callers de-duplicate.
 *
 * @param newestFirst which end the page is cut from (order=desc): true for the newest page, false for the oldest
 */
public record HistoryQuery(int limit, String before, String after, boolean newestFirst) {

    public static HistoryQuery latest(int limit) {
        return new HistoryQuery(limit, null, null, true);
    }

    public static HistoryQuery olderThan(String messageId, int limit) {
        return new HistoryQuery(limit, messageId, null, true);
    }

    /** What the server stored after this message: the catch-up read after a stream. */
    public static HistoryQuery newerThan(String messageId, int limit) {
        return new HistoryQuery(limit, null, messageId, false);
    }
}
