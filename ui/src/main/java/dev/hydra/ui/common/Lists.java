package dev.hydra.ui.common;

import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/** Small helpers for views that render a list. */
public final class Lists {

    private Lists() {
    }

    /** Runs {@code render} now and after every change of {@code list}. */
    public static <T> void render(ObservableList<T> list, Runnable render) {
        render.run();
        list.addListener((ListChangeListener<T>) change -> render.run());
    }
}
