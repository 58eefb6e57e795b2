package dev.hydra.ui.cluster;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.hydra.ui.common.Lists;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/** The Cluster view: node cards, and a plain note about the parts that come with a configured cluster. */
public final class ClusterView extends ScrollPane {

    private final Timeline ageing;

    public ClusterView(ClusterViewModel vm) {
        getStyleClass().addAll("hl-view", "hl-cluster-view", Tweaks.EDGE_TO_EDGE);
        setFitToWidth(true);

        FlowPane cards = new FlowPane(16, 16);
        cards.getStyleClass().add("hl-cards");
        Lists.render(vm.nodes(), () -> cards.getChildren().setAll(
                vm.nodes().stream().map(node -> (Node) new NodeCardView(node)).toList()));

        Label pendingTitle = new Label("Containers, alerts and services");
        pendingTitle.getStyleClass().add(Styles.TITLE_4);
        Label pending = new Label("Not built yet: this version monitors this machine only. The cluster's containers "
                + "(Docker on each node), firing alerts (Alertmanager) and the health of its services (Letta, ComfyUI, "
                + "LiteLLM, …) will appear here once nodes, Prometheus and Alertmanager can be listed in hydra.yaml.");
        pending.setWrapText(true);
        pending.getStyleClass().add(Styles.TEXT_MUTED);
        VBox note = new VBox(6, pendingTitle, pending);
        note.getStyleClass().add("hl-note");

        VBox content = new VBox(20, cards, note);
        content.setPadding(new Insets(20));
        setContent(content);

        ageing = new Timeline(new KeyFrame(Duration.seconds(1), e -> vm.tick()));
        ageing.setCycleCount(Timeline.INDEFINITE);
        sceneProperty().subscribe(scene -> {
            if (scene == null) {
                ageing.stop();
            } else {
                ageing.play();
            }
        });
    }
}
