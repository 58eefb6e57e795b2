package dev.hydra.ui.shell;

/**
 * One entry of the command palette.
 *
 * @param group    what kind of command, e.g. "View" or "Theme"
 * @param shortcut how to reach it without the palette, e.g. "Ctrl+2"; empty if none
 */
public record PaletteCommand(String title, String group, String shortcut, Runnable action) {

    public String searchText() {
        return group + " " + title;
    }
}
