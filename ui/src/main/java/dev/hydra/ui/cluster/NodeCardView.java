package dev.hydra.ui.cluster;

import atlantafx.base.theme.Styles;
import dev.hydra.ui.common.Lists;
import dev.hydra.ui.controls.CoreBars;
import dev.hydra.ui.controls.Figure;
import dev.hydra.ui.controls.Meter;
import dev.hydra.ui.controls.Sparkline;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** A node's card: status, CPU with per-core bars, memory, network, disks, GPUs, with 15-minute sparklines. */
public final class NodeCardView extends VBox {

    public NodeCardView(NodeCardViewModel vm) {
        getStyleClass().addAll("hl-card", "hl-node-card");
        setSpacing(12);

        Label name = new Label(vm.name(), new FontIcon(Feather.SERVER));
        name.getStyleClass().add(Styles.TITLE_3);
        Label state = new Label();
        state.getStyleClass().add("hl-badge");
        state.textProperty().bind(vm.stateTextProperty());
        vm.stateProperty().subscribe(s -> {
            for (NodeState each : NodeState.values()) {
                state.pseudoClassStateChanged(PseudoClass.getPseudoClass(each.name().toLowerCase()), each == s);
            }
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(10, name, spacer, state);
        header.setAlignment(Pos.CENTER_LEFT);
        Label description = muted(vm.descriptionProperty());

        CoreBars cores = new CoreBars();
        Lists.render(vm.coreFractions(), () -> cores.setFractions(vm.coreFractions()));

        GridPane metrics = new GridPane();
        metrics.getStyleClass().add("hl-metrics");
        metrics.setHgap(18);
        metrics.setVgap(10);
        metrics.add(new Figure("CPU", vm.cpuTextProperty(), spark(100, vm.cpuHistoryProperty()), cores), 0, 0);
        metrics.add(new Figure("Memory", vm.memoryTextProperty(), spark(100, vm.memoryHistoryProperty()),
                Meter.bar(vm.memoryFractionProperty())), 1, 0);
        metrics.add(new Figure("Network", vm.networkTextProperty(), spark(Double.NaN, vm.networkHistoryProperty())), 0, 1);
        VBox small = new VBox(4, row("Load 1 · 5 · 15 min", vm.loadTextProperty()), row("Uptime", vm.uptimeTextProperty()),
                row("Swap", vm.swapTextProperty()));
        metrics.add(small, 1, 1);

        VBox disks = new VBox(6);
        disks.getStyleClass().add("hl-disks");
        List<DiskMeter> diskMeters = new ArrayList<>();
        Lists.render(vm.disks(), () -> showDisks(vm.disks(), diskMeters, disks));

        Label gpus = new Label(null, new FontIcon(Feather.CPU));
        gpus.getStyleClass().add("hl-gpu-summary");
        gpus.textProperty().bind(vm.gpuSummaryProperty());
        gpus.setWrapText(true);

        VBox problems = new VBox(4);
        Lists.render(vm.problems(), () -> problems.getChildren().setAll(vm.problems().stream().map(p -> {
            Label label = new Label(p, new FontIcon(Feather.ALERT_TRIANGLE));
            label.getStyleClass().addAll("hl-problem", Styles.WARNING);
            label.setWrapText(true);
            return (Node) label;
        }).toList()));

        Label via = new Label();
        via.getStyleClass().add("hl-via");
        via.textProperty().bind(vm.viaTextProperty());
        via.setWrapText(true);
        via.visibleProperty().bind(vm.viaTextProperty().isNotEmpty());
        via.managedProperty().bind(via.visibleProperty());
        Label containers = new Label(null, new FontIcon(Feather.BOX));
        containers.textProperty().bind(vm.containerSummaryProperty());
        containers.visibleProperty().bind(vm.containerSummaryProperty().isNotEmpty());
        containers.managedProperty().bind(containers.visibleProperty());

        Label keyText = new Label();
        keyText.setWrapText(true);
        keyText.textProperty().bind(vm.pendingHostKeyProperty().map(fp -> "Unknown SSH host key " + fp
                + ". Compare it with the node's (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub) before trusting it."));
        Button trust = new Button("Trust this key");
        trust.getStyleClass().add(Styles.ACCENT);
        trust.setOnAction(e -> vm.trustHostKey());
        VBox hostKey = new VBox(6, keyText, trust);
        hostKey.getStyleClass().add("hl-host-key");
        hostKey.visibleProperty().bind(vm.pendingHostKeyProperty().isNotNull());
        hostKey.managedProperty().bind(hostKey.visibleProperty());

        getChildren().addAll(header, description, via, hostKey, metrics, section("Disks"), disks, gpus, containers,
                problems);
    }

    private static Sparkline spark(double max, ObservableValue<double[]> history) {
        Sparkline sparkline = new Sparkline(max);
        history.subscribe(sparkline::setValues);
        return sparkline;
    }

    private static HBox row(String caption, ObservableValue<String> value) {
        Label captionLabel = new Label(caption);
        captionLabel.getStyleClass().add("caption");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label valueLabel = new Label();
        valueLabel.textProperty().bind(value);
        return new HBox(8, captionLabel, spacer, valueLabel);
    }

    private static Label section(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("caption");
        return label;
    }

    private static Label muted(ObservableValue<String> text) {
        Label label = new Label();
        label.textProperty().bind(text);
        label.getStyleClass().add(Styles.TEXT_MUTED);
        label.setWrapText(true);
        return label;
    }

    /** Moves the meters when the same filesystems are mounted (every refresh); rebuilds them when mounts change. */
    private static void showDisks(List<DiskRow> rows, List<DiskMeter> meters, VBox box) {
        boolean sameMounts = rows.size() == meters.size();
        for (int i = 0; sameMounts && i < rows.size(); i++) {
            sameMounts = rows.get(i).mount().equals(meters.get(i).mount);
        }
        if (!sameMounts) {
            meters.clear();
            rows.forEach(row -> meters.add(new DiskMeter(row.mount())));
            box.getChildren().setAll(meters.stream().map(DiskMeter::view).toList());
        }
        for (int i = 0; i < rows.size(); i++) {
            meters.get(i).text.set(rows.get(i).usageText());
            meters.get(i).fraction.set(rows.get(i).fraction());
        }
    }

    private record DiskMeter(String mount, StringProperty text, DoubleProperty fraction, Meter view) {
        DiskMeter(String mount) {
            this(mount, new SimpleStringProperty(), new SimpleDoubleProperty());
        }

        private DiskMeter(String mount, StringProperty text, DoubleProperty fraction) {
            this(mount, text, fraction, new Meter(mount, text, fraction));
        }
    }
}
