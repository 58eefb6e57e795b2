package dev.hydra.ui.keys;

import javafx.scene.input.KeyCombination;

/**
 * Every global keyboard shortcut, in one place so they cannot collide. "Shortcut" is Ctrl on Linux and Windows,
 * Cmd on macOS.
 */
public enum Shortcut {
    SHOW_CLUSTER("Shortcut+1"),
    SHOW_GPUS("Shortcut+2"),
    SHOW_QUEUE("Shortcut+3"),
    SHOW_REVIEW("Shortcut+4"),
    SHOW_CHAT("Shortcut+5"),
    SHOW_AUDIT("Shortcut+6"),
    COMMAND_PALETTE("Shortcut+K"),
    REFRESH("F5");

    private final KeyCombination combination;

    Shortcut(String combination) {
        this.combination = KeyCombination.valueOf(combination);
    }

    public KeyCombination combination() {
        return combination;
    }

    /** How the shortcut reads on this platform, e.g. "Ctrl+K". */
    public String displayText() {
        return combination.getDisplayText();
    }
}
