package dev.hydra.services.chat;

import java.util.List;
import java.util.Map;

/**
 * A Letta server's REST API (0.15–0.16 and Letta Cloud), as a chat needs it. Every method blocks (call it on a
 * virtual thread) and throws {@link ChatException} with the server's own message; streams call back on their
 * own thread.
 */
public interface ChatClient {

    ServerHealth health();

    /** Agents, newest first, with their memory blocks and tags (asked for explicitly, as v1.0 clients must). */
    List<Agent> agents(int limit);

    Agent agent(String agentId);

    /**
     * An agent by exact name, or by id when given one ({@code agent-…}).
     *
     * @throws ChatException NOT_FOUND when there is none, naming the agents there are
     */
    Agent findAgent(String nameOrId);

    /** One page of history, in the server's order (chronological on 0.16.8); callers de-duplicate across pages. */
    List<LettaMessage> history(String agentId, HistoryQuery query);

    /** Sends and waits for the whole turn (no streaming). */
    Turn send(String agentId, Outgoing message);

    /**
     * Sends and streams the turn: with {@code tokens}, text arrives in fragments that share an otid
     * ({@link TurnAssembler} joins them); without, each message arrives whole.
     */
    ActiveStream stream(String agentId, Outgoing message, boolean tokens, StreamListener listener);

    /**
     * Cancels the agent's active run (or the given runs).
     *
     * @return run id → its new status ("cancelled", "failed")
     * @throws ChatException CONFLICT when nothing is running
     */
    Map<String, String> cancel(String agentId, List<String> runIds);

    Run run(String runId);

    List<MemoryBlock> blocks(String agentId);

    MemoryBlock block(String agentId, String label);

    /** Replaces a block's value; the agent's system prompt is recompiled with it. */
    MemoryBlock updateBlock(String agentId, String label, String value);

    List<Passage> passages(String agentId, int limit);

    /** Semantic search (a substring match on servers without embeddings is fine). */
    List<Passage> searchPassages(String agentId, String query, int topK);

    /** @return the stored passages: the server may split long text into several */
    List<Passage> insertPassage(String agentId, String text, List<String> tags);

    void deletePassage(String agentId, String passageId);

    /**
     * Sends {@code text} to the agent named {@code nameOrId} and waits for its final reply: the call for jobs
     * (e.g. the morning briefing). Streams underneath, so a long turn is not cut by a request timeout, and
     * assembles the fragments.
     *
     * @throws ChatException when the agent is unknown, the server fails, or the turn ends in an error; a turn
     *                       waiting for approval returns normally with {@link Turn#pendingApprovals()} filled
     */
    Turn reply(String nameOrId, String text);
}
