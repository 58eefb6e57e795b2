package dev.hydra.services.actions;

/**
 * What the user did to confirm an action: clicked confirm, or typed a name. {@link ActionService#requirement}
 * says which an action needs.
 *
 * @param typed the text typed, or null for a plain confirmation
 */
public record Confirmation(String typed) {

    public static Confirmation clicked() {
        return new Confirmation(null);
    }

    public static Confirmation typed(String text) {
        return new Confirmation(text == null ? "" : text);
    }
}
