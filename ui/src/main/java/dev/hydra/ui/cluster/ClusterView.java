package dev.hydra.ui.cluster;

import atlantafx.base.theme.Tweaks;
import dev.hydra.ui.common.Lists;
import dev.hydra.ui.controls.ConfirmPane;
import dev.hydra.ui.controls.ResultBar;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The Cluster view: node cards, alerts and services, the containers of every node; actions ask first. */
public final class ClusterView extends StackPane {

    public ClusterView(ClusterViewModel vm) {
        getStyleClass().addAll("hl-view", "hl-cluster-view");

        FlowPane cards = new FlowPane(16, 16);
        cards.getStyleClass().add("hl-cards");
        Lists.render(vm.nodes(), () -> cards.getChildren().setAll(
                vm.nodes().stream().map(node -> (Node) new NodeCardView(node)).toList()));

        ContainersTable containers = new ContainersTable(vm.containers(), vm.logs());
        AlertsPanel alerts = new AlertsPanel(vm.alerts());
        VBox content = new VBox(20, new ResultBar(vm.prompts()), cards, alerts, containers,
                new ContainerLogPane(vm.logs()));
        content.setPadding(new Insets(20));
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add(Tweaks.EDGE_TO_EDGE);
        getChildren().addAll(scroll, new ConfirmPane(vm.prompts()));
        addEventFilter(KeyEvent.KEY_TYPED, event -> {
            if ("/".equals(event.getCharacter()) && !(getScene().getFocusOwner() instanceof TextInputControl)) {
                containers.focusFilter();
                event.consume();
            }
        });
    }
}
