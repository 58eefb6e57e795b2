package dev.hydra.ui.common;

/**
 * What a view that is not built yet says about itself: what it will show and how it will be set up. Shown
 * plainly, so nobody mistakes an empty screen for a broken one.
 */
public record PlannedFeature(String title, String whatItWillShow, String howToSetItUp) {
}
