package dev.hydra.services.chat;

/**
 * A core memory block (pinned to the agent's context).
 *
 * @param limit the most characters the value may hold (null when the server did not say)
 */
public record MemoryBlock(String id, String label, String value, Integer limit, String description, boolean readOnly) {

    public int chars() {
        return value == null ? 0 : value.length();
    }

    public boolean overLimit() {
        return limit != null && chars() > limit;
    }
}
