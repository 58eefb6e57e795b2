package dev.hydra.ui.common;

import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/** Small helpers for observable lists in views and view models. */
public final class Lists {

    private Lists() {
    }

    /** Replaces the list's contents only when they differ, so views do not rebuild rows that did not change. */
    public static <T> void replaceIfChanged(ObservableList<T> list, java.util.List<T> contents) {
        if (!list.equals(contents)) {
            list.setAll(contents);
        }
    }

    /** Runs {@code render} now and after every change of {@code list}. */
    public static <T> void render(ObservableList<T> list, Runnable render) {
        render.run();
        list.addListener((ListChangeListener<T>) change -> render.run());
    }
}
