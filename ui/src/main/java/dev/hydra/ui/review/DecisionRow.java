package dev.hydra.ui.review;

/** One of the last decisions of this session, as the undo list shows it: "rejected · face · ComfyUI_00042_.png". */
public record DecisionRow(long decisionId, long assetId, String text) {
}
