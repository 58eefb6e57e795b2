package dev.hydra.ui.shell;

import atlantafx.base.controls.Message;
import atlantafx.base.controls.ModalPane;
import atlantafx.base.theme.Styles;
import dev.hydra.ui.common.Banner;
import dev.hydra.ui.common.Lists;
import dev.hydra.ui.keys.Shortcut;
import dev.hydra.ui.theme.ThemeMode;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Controller of MainWindow.fxml: the navigation rail, the header, problem banners, the view area (each view built
 * the first time it is shown) and the command palette. Global keys are installed on the scene.
 */
public final class MainWindow {

    private static final Map<ViewId, Feather> ICONS = Map.of(ViewId.CLUSTER, Feather.SERVER, ViewId.GPUS, Feather.CPU,
            ViewId.QUEUE, Feather.LIST, ViewId.REVIEW, Feather.IMAGE, ViewId.CHAT, Feather.MESSAGE_SQUARE,
            ViewId.AUDIT, Feather.FILE_TEXT);

    private final ShellViewModel vm;
    private final Map<ViewId, Supplier<Node>> viewFactories;
    private final Map<ViewId, Node> views = new EnumMap<>(ViewId.class);
    private final Map<ViewId, ToggleButton> navButtons = new EnumMap<>(ViewId.class);
    private final String statusLine;
    private final ModalPane modal = new ModalPane();
    private CommandPaletteView palette;

    @FXML private StackPane root;
    @FXML private VBox navRail;
    @FXML private Label viewTitle;
    @FXML private Label viewDescription;
    @FXML private Button paletteButton;
    @FXML private MenuButton themeMenu;
    @FXML private VBox banners;
    @FXML private StackPane content;
    @FXML private Label statusText;

    public MainWindow(ShellViewModel vm, Map<ViewId, Supplier<Node>> viewFactories, String statusLine) {
        this.vm = vm;
        this.viewFactories = viewFactories;
        this.statusLine = statusLine;
    }

    @FXML
    private void initialize() {
        ToggleGroup group = new ToggleGroup();
        for (ViewId view : ViewId.values()) {
            ToggleButton button = new ToggleButton(view.title(), new FontIcon(ICONS.get(view)));
            button.getStyleClass().add("hl-nav-button");
            button.setToggleGroup(group);
            button.setMaxWidth(Double.MAX_VALUE);
            button.setAlignment(Pos.CENTER_LEFT);
            button.setOnAction(e -> vm.show(view));
            button.setTooltip(new javafx.scene.control.Tooltip(view.description() + " ("
                    + shortcutFor(view).displayText() + ")"));
            button.setId("nav-" + view.name().toLowerCase());
            navButtons.put(view, button);
            navRail.getChildren().add(button);
        }
        vm.selectedViewProperty().subscribe(this::showView);

        paletteButton.setText("Search or run…   " + Shortcut.COMMAND_PALETTE.displayText());
        paletteButton.setGraphic(new FontIcon(Feather.SEARCH));
        paletteButton.setOnAction(e -> vm.palette().open());

        themeMenu.setGraphic(new FontIcon(Feather.SUN));
        ToggleGroup themes = new ToggleGroup();
        for (ThemeMode mode : ThemeMode.values()) {
            RadioMenuItem item = new RadioMenuItem(mode.label());
            item.setToggleGroup(themes);
            item.setOnAction(e -> vm.themeModeProperty().set(mode));
            vm.themeModeProperty().subscribe(current -> item.setSelected(current == mode));
            themeMenu.getItems().add(item);
        }

        Lists.render(vm.banners(), () -> banners.getChildren().setAll(
                vm.banners().stream().map(this::banner).toList()));
        statusText.setText(statusLine);

        modal.setAlignment(Pos.TOP_CENTER);
        modal.setId("palette-modal");
        root.getChildren().add(modal);
        vm.palette().openProperty().subscribe(open -> {
            if (open) {
                modal.show(palette());
                palette().focusSearch();
            } else if (modal.isDisplay()) {
                modal.hide();
            }
        });
        modal.displayProperty().subscribe(shown -> {
            if (!shown) {
                vm.palette().close();
            }
        });
    }

    /** Built when first opened: nothing of it is on screen before. */
    private CommandPaletteView palette() {
        if (palette == null) {
            palette = new CommandPaletteView(vm.palette());
        }
        return palette;
    }

    /** Global keys: Ctrl+1..6 switch views, Ctrl+K or ":" opens the palette, F5 refreshes. */
    public void installKeys(Scene scene, Runnable refresh) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            for (ViewId view : ViewId.values()) {
                if (shortcutFor(view).combination().match(event)) {
                    vm.show(view);
                    event.consume();
                    return;
                }
            }
            if (Shortcut.COMMAND_PALETTE.combination().match(event)) {
                vm.palette().open();
                event.consume();
            } else if (Shortcut.REFRESH.combination().match(event)) {
                refresh.run();
                event.consume();
            }
        });
        scene.addEventFilter(KeyEvent.KEY_TYPED, event -> {
            if (":".equals(event.getCharacter()) && !(scene.getFocusOwner() instanceof TextInputControl)
                    && !vm.palette().openProperty().get()) {
                vm.palette().open();
                event.consume();
            }
        });
    }

    private void showView(ViewId view) {
        Node node = views.computeIfAbsent(view, v -> viewFactories.get(v).get());
        content.getChildren().setAll(node);
        viewTitle.setText(view.title());
        viewDescription.setText(view.description());
        navButtons.get(view).setSelected(true);
    }

    private Node banner(Banner banner) {
        Message message = new Message(banner.title(), banner.text(), new FontIcon(Feather.ALERT_TRIANGLE));
        message.getStyleClass().add(banner.kind() == Banner.Kind.DANGER ? Styles.DANGER : Styles.WARNING);
        message.setOnClose(e -> vm.dismiss(banner));
        return message;
    }

    private static Shortcut shortcutFor(ViewId view) {
        return switch (view) {
            case CLUSTER -> Shortcut.SHOW_CLUSTER;
            case GPUS -> Shortcut.SHOW_GPUS;
            case QUEUE -> Shortcut.SHOW_QUEUE;
            case REVIEW -> Shortcut.SHOW_REVIEW;
            case CHAT -> Shortcut.SHOW_CHAT;
            case AUDIT -> Shortcut.SHOW_AUDIT;
        };
    }
}
