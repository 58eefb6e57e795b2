package dev.hydra.ui.chat;

import dev.hydra.ui.common.PlannedFeature;
import dev.hydra.ui.common.PlannedFeatureView;

/** The Chat view. Not built yet: it says what it will be. */
public final class ChatView {

    static final PlannedFeature PLAN = new PlannedFeature("Chat",
            "A chat with the cluster's Letta agent: streamed replies, reasoning and tool calls folded, approvals, "
                    + "core memory you can read and edit, archival memory search, and a Stop button.",
            "Point it at a Letta server with letta.url in hydra.yaml (for example http://hydra-storage:8283); the "
                    + "token comes from the LETTA_API_KEY environment variable or the OS keyring, never from the "
                    + "file.");

    private ChatView() {
    }

    public static PlannedFeatureView create() {
        return new PlannedFeatureView(PLAN);
    }
}
