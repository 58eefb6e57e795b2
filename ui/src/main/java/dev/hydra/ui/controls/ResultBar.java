package dev.hydra.ui.controls;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import dev.hydra.ui.common.ActionPrompts;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The outcome of the last action ("Done: …", "Failed: …", "Not done: …"), dismissible. */
public final class ResultBar extends Message {

    public ResultBar(ActionPrompts prompts) {
        super(null, null, new FontIcon(Feather.INFO));
        setId("action-result");
        descriptionProperty().bind(prompts.resultProperty());
        visibleProperty().bind(prompts.resultProperty().isNotEmpty());
        managedProperty().bind(visibleProperty());
        prompts.resultOkProperty().subscribe(ok -> {
            getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER);
            getStyleClass().add(ok ? Styles.SUCCESS : Styles.DANGER);
        });
        setOnClose(e -> prompts.dismissResult());
    }
}
