package dev.hydra.ui.cluster;

/** How current a node's figures are. */
public enum NodeState {
    /** Read within the last two refresh intervals. */
    LIVE,
    /** Known, but not read for two refresh intervals or more: figures are old. */
    STALE,
    /** Could not be reached. */
    DOWN
}
