package dev.hydra.ui.review;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.hydra.services.review.QualityFlag;
import dev.hydra.services.review.ReviewState;
import dev.hydra.ui.common.UiExecutor;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The review screen: the image fitted to the window (or at 100 % with Z), the filmstrip, the metadata panel with
 * the character's reference, filters, the grid (G), the key help (?), and the keys after Lightroom and Prodigy.
 * All state lives in {@link ReviewViewModel}; this class only shows it and turns keys into commands.
 */
public final class ReviewView extends StackPane {

    private final ReviewViewModel vm;
    private final LearningViewModel learning;
    private final ComparisonViewModel comparison;
    private final ImageLoader loader = new ImageLoader();
    private final ImageView companionImage = new ImageView();
    private final Label companionCaption = new Label();
    private final Label currentCaption = new Label();
    private final ImageView fitted = new ImageView();
    private final ImageView full = new ImageView();
    private final StackPane stage = new StackPane();
    private final ScrollPane zoomPane = new ScrollPane(full);
    private final ProgressBar decoding = new ProgressBar();
    private final ReviewGrid grid;
    private final HelpOverlay help;
    private final VBox empty;
    private final ReadOnlyObjectWrapper<ReviewItem> displayed = new ReadOnlyObjectWrapper<>(this, "displayed");

    /** Without learning: no Learning page, no comparisons (the benchmark's screen). */
    public ReviewView(ReviewViewModel vm, Thumbnailer thumbnailer, UiExecutor ui) {
        this(vm, new LearningViewModel(null, Runnable::run, ui), new ComparisonViewModel(null, null, Runnable::run, ui),
                thumbnailer, ui);
    }

    public ReviewView(ReviewViewModel vm, LearningViewModel learning, ComparisonViewModel comparison,
            Thumbnailer thumbnailer, UiExecutor ui) {
        this.vm = vm;
        this.learning = learning;
        this.comparison = comparison;
        getStyleClass().add("hl-review");
        setId("review-view");
        setFocusTraversable(true);
        ThumbnailImages gridThumbs = new ThumbnailImages(thumbnailer, ui, ReviewGrid.TILE);
        ThumbnailImages stripThumbs = new ThumbnailImages(thumbnailer, ui, Filmstrip.TILE);
        grid = new ReviewGrid(vm, gridThumbs);
        help = new HelpOverlay(vm.reasonKeys());
        empty = emptyState();

        fitted.setPreserveRatio(true);
        fitted.setSmooth(true);
        fitted.setId("review-image");
        fitted.fitWidthProperty().bind(stage.widthProperty().subtract(16));
        fitted.fitHeightProperty().bind(stage.heightProperty().subtract(16));
        zoomPane.setPannable(true);
        zoomPane.getStyleClass().add(Tweaks.EDGE_TO_EDGE);
        decoding.setMaxWidth(160);
        decoding.setVisible(false);
        StackPane.setAlignment(decoding, Pos.BOTTOM_CENTER);
        stage.getStyleClass().add("hl-review-stage");
        companionImage.setPreserveRatio(true);
        companionImage.setSmooth(true);
        companionImage.setId("review-companion");
        companionCaption.getStyleClass().addAll(Styles.TEXT_SMALL, "hl-companion-caption");
        companionCaption.setId("review-companion-caption");
        currentCaption.getStyleClass().addAll(Styles.TEXT_SMALL, "hl-companion-caption");
        VBox companionBox = new VBox(4, companionImage, companionCaption);
        companionBox.setAlignment(Pos.CENTER);
        VBox currentBox = new VBox(4, fitted, currentCaption);
        currentBox.setAlignment(Pos.CENTER);
        HBox pair = new HBox(12);
        pair.setAlignment(Pos.CENTER);
        vm.companionProperty().subscribe(beside -> {
            companionImage.setImage(beside == null ? null : new Image(beside.path().toUri().toString(), 1024, 1024,
                    true, true, true));
            companionCaption.setText(beside == null ? "" : beside.caption());
            currentCaption.setText(beside == null ? "" : beside.parent() ? "This re-generation" : "This image");
            pair.getChildren().setAll(beside == null ? List.of(currentBox)
                    : beside.parent() ? List.of(companionBox, currentBox) : List.of(currentBox, companionBox));
            fitted.fitWidthProperty().unbind();
            fitted.fitWidthProperty().bind(beside == null ? stage.widthProperty().subtract(16)
                    : stage.widthProperty().subtract(40).divide(2));
            fitted.fitHeightProperty().unbind();
            fitted.fitHeightProperty().bind(stage.heightProperty().subtract(beside == null ? 16 : 40));
        });
        companionImage.fitWidthProperty().bind(stage.widthProperty().subtract(40).divide(2));
        companionImage.fitHeightProperty().bind(stage.heightProperty().subtract(40));
        stage.getChildren().addAll(pair, zoomPane, decoding);
        stage.setMinSize(200, 200);
        zoomPane.visibleProperty().bind(vm.zoomedProperty());
        pair.visibleProperty().bind(vm.zoomedProperty().not());

        StackPane center = new StackPane(stage, grid, empty);
        grid.visibleProperty().bind(vm.gridProperty());
        stage.visibleProperty().bind(vm.gridProperty().not());
        empty.visibleProperty().bind(Bindings.isEmpty(vm.items()).and(vm.loadingProperty().not()));

        BorderPane layout = new BorderPane();
        layout.setTop(toolbar());
        layout.setCenter(center);
        MetadataPanel panel = new MetadataPanel(vm);
        layout.setRight(panel);
        Filmstrip filmstrip = new Filmstrip(vm, stripThumbs);
        filmstrip.visibleProperty().bind(vm.gridProperty().not());
        filmstrip.managedProperty().bind(filmstrip.visibleProperty());
        layout.setBottom(new VBox(filmstrip, statusBar()));

        help.visibleProperty().bind(vm.helpProperty());
        LearningView learningPage = new LearningView(learning, () -> {
            learning.hide();
            requestFocus();
        });
        learningPage.visibleProperty().bind(learning.visibleProperty());
        ComparisonView comparing = new ComparisonView(comparison);
        comparing.visibleProperty().bind(comparison.activeProperty());
        getChildren().addAll(layout, learningPage, comparing, help);

        vm.currentProperty().subscribe(item -> showImage());
        vm.zoomedProperty().subscribe(zoom -> showFullSize(zoom));
        stage.widthProperty().addListener((obs, old, now) -> showImage());
        stage.heightProperty().addListener((obs, old, now) -> showImage());
        addEventFilter(KeyEvent.KEY_PRESSED, this::keyPressed);
        addEventFilter(KeyEvent.KEY_TYPED, event -> {
            if ("?".equals(event.getCharacter()) && !typing()) {
                vm.toggleHelp();
                event.consume();
            }
        });
        sceneProperty().subscribe(scene -> {
            if (scene != null) {
                requestFocus();
            }
        });
        vm.reload();
    }

    /** Shows the current image, fitted; then decodes the next three and the previous one at the same size. */
    private void showImage() {
        ReviewItem item = vm.currentProperty().get();
        double width = Math.max(64, stage.getWidth() - 16);
        double height = Math.max(64, stage.getHeight() - 16);
        if (item == null) {
            fitted.setImage(null);
            return;
        }
        Image image = loader.fitted(item.path(), width, height);
        fitted.setImage(image);
        if (image.getProgress() >= 1.0) {
            displayed.set(item);
        } else {
            displayed.set(null);
            image.progressProperty().addListener(new ChangeListener<>() {
                @Override
                public void changed(ObservableValue<? extends Number> obs, Number old, Number now) {
                    if (now.doubleValue() >= 1.0) {
                        image.progressProperty().removeListener(this);
                        if (fitted.getImage() == image) {
                            displayed.set(item);
                        }
                    }
                }
            });
        }
        decoding.visibleProperty().unbind();
        decoding.progressProperty().unbind();
        decoding.progressProperty().bind(image.progressProperty());
        decoding.visibleProperty().bind(image.progressProperty().lessThan(1));
        int at = vm.indexProperty().get();
        List<Path> ahead = new ArrayList<>();
        for (int i : new int[] {at + 1, at + 2, at + 3, at - 1}) {
            if (i >= 0 && i < vm.items().size()) {
                ahead.add(vm.items().get(i).path());
            }
        }
        loader.prefetch(ahead, width, height);
        if (vm.zoomedProperty().get()) {
            showFullSize(true);
        }
    }

    /** The item whose image is on screen fully decoded (null while the current one is still decoding). */
    public ReadOnlyObjectProperty<ReviewItem> displayedProperty() {
        return displayed.getReadOnlyProperty();
    }

    private void showFullSize(boolean zoom) {
        ReviewItem item = vm.currentProperty().get();
        full.setImage(zoom && item != null ? ImageLoader.fullSize(item.path()) : null);
    }

    /** Our keys, unless the user is typing in a field. The shell's keys (Ctrl+1…5, Ctrl+K) are handled before. */
    private void keyPressed(KeyEvent event) {
        if (typing()) {
            return;
        }
        boolean handled = true;
        boolean inGrid = vm.gridProperty().get();
        KeyCode code = event.getCode();
        if (comparison.activeProperty().get()) {
            switch (code) {
                case LEFT -> comparison.chooseLeft();
                case RIGHT -> comparison.chooseRight();
                case SPACE -> comparison.skip();
                case ESCAPE -> comparison.stop();
                default -> handled = false;
            }
            if (handled || !event.isShortcutDown()) {
                event.consume();
            }
            return;
        }
        if (learning.visibleProperty().get()) {
            if (code == KeyCode.ESCAPE || event.isShiftDown() && code == KeyCode.L) {
                learning.hide();
            }
            if (!event.isShortcutDown()) {
                event.consume();
            }
            return;
        }
        if (event.isShiftDown() && !event.isShortcutDown() && (code == KeyCode.R || code == KeyCode.L
                || code == KeyCode.C)) {
            switch (code) {
                case R -> vm.regenerate();
                case L -> learning.toggle();
                default -> comparison.start();
            }
            event.consume();
            return;
        }
        if (event.isShortcutDown()) {
            switch (code) {
                case Z -> vm.undo();
                case A -> {
                    if (inGrid) {
                        vm.selectAll();
                    } else {
                        handled = false;
                    }
                }
                default -> handled = false;
            }
        } else {
            switch (code) {
                case P, A -> {
                    if (inGrid) {
                        vm.decideSelection(ReviewState.ACCEPTED);
                    } else {
                        vm.accept();
                    }
                }
                case X, R -> {
                    if (inGrid) {
                        vm.decideSelection(ReviewState.REJECTED);
                    } else {
                        vm.reject();
                    }
                }
                case U -> {
                    if (inGrid) {
                        vm.decideSelection(ReviewState.PENDING);
                    } else {
                        vm.unflag();
                    }
                }
                case SPACE -> vm.skip();
                case RIGHT -> vm.move(1, inGrid && event.isShiftDown());
                case LEFT -> vm.move(-1, inGrid && event.isShiftDown());
                case DOWN -> vm.move(inGrid ? grid.columns() : 1, inGrid && event.isShiftDown());
                case UP -> vm.move(inGrid ? -grid.columns() : -1, inGrid && event.isShiftDown());
                case DIGIT1, NUMPAD1 -> vm.rate(1);
                case DIGIT2, NUMPAD2 -> vm.rate(2);
                case DIGIT3, NUMPAD3 -> vm.rate(3);
                case DIGIT4, NUMPAD4 -> vm.rate(4);
                case DIGIT5, NUMPAD5 -> vm.rate(5);
                case Z -> vm.toggleZoom();
                case G -> vm.toggleGrid();
                case ENTER -> {
                    if (inGrid) {
                        vm.toggleGrid();
                    } else {
                        handled = false;
                    }
                }
                case ESCAPE -> {
                    if (vm.helpProperty().get()) {
                        vm.hideHelp();
                    } else if (vm.zoomedProperty().get()) {
                        vm.toggleZoom();
                    } else if (inGrid) {
                        vm.toggleGrid();
                    } else {
                        handled = false;
                    }
                }
                default -> handled = code.isLetterKey() && vm.reason(code.getName());
            }
        }
        if (handled) {
            event.consume();
        }
    }

    private boolean typing() {
        Node focus = getScene() == null ? null : getScene().getFocusOwner();
        return focus instanceof TextInputControl || focus instanceof DatePicker
                || (focus instanceof ComboBox<?> combo && combo.isShowing());
    }

    private Node toolbar() {
        ComboBox<ReviewState> state = combo("All states", FXCollections.observableArrayList(ReviewState.values()),
                ReviewState::label);
        state.valueProperty().bindBidirectional(vm.stateFilterProperty());
        state.setId("filter-state");
        ComboBox<String> character = combo("All characters", vm.characterChoices(), name -> name);
        character.valueProperty().bindBidirectional(vm.characterFilterProperty());
        ComboBox<String> checkpoint = combo("All checkpoints", vm.checkpointChoices(), name -> name);
        checkpoint.valueProperty().bindBidirectional(vm.checkpointFilterProperty());
        state.setPrefWidth(122);
        character.setPrefWidth(155);
        checkpoint.setPrefWidth(155);
        ComboBox<QualityFlag> flag = combo("Any quality", FXCollections.observableArrayList(QualityFlag.values()),
                QualityFlag::description);
        flag.valueProperty().bindBidirectional(vm.flagFilterProperty());
        flag.setPrefWidth(130);
        DatePicker from = new DatePicker();
        from.setPromptText("From");
        from.setTooltip(new Tooltip("Only images made on or after this date"));
        from.setPrefWidth(100);
        from.valueProperty().bindBidirectional(vm.fromDateProperty());
        ComboBox<Ordering> order = new ComboBox<>(FXCollections.observableArrayList(Arrays.stream(Ordering.values())
                .filter(o -> o.byTime() || vm.learningAvailable()).toList()));
        order.setId("review-ordering");
        order.setTooltip(new Tooltip("Order: by time, or by predicted acceptance"));
        order.setCellFactory(list -> cell("", Ordering::label));
        order.setButtonCell(cell("", Ordering::label));
        order.valueProperty().bindBidirectional(vm.orderingProperty());
        order.setOnHidden(e -> requestFocus());
        order.setPrefWidth(136);

        Button add = iconButton(new Button(null, new FontIcon(Feather.FOLDER_PLUS)),
                "Add a folder of images (indexed, then watched)");
        add.setId("review-add-folder");
        add.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("A folder of images to review (e.g. ComfyUI's output folder)");
            File chosen = chooser.showDialog(getScene().getWindow());
            if (chosen != null) {
                vm.addFolder(chosen.toPath());
            }
            requestFocus();
        });
        ToggleButton gridButton = iconButton(new ToggleButton(null, new FontIcon(Feather.GRID)), "Grid (G)");
        gridButton.selectedProperty().addListener((obs, old, now) -> {
            if (now != vm.gridProperty().get()) {
                vm.toggleGrid();
            }
            requestFocus();
        });
        vm.gridProperty().subscribe(gridButton::setSelected);
        Button trash = iconButton(new Button(null, new FontIcon(Feather.TRASH_2)),
                "Move the selected rejected images to the trash…");
        trash.setId("review-trash");
        trash.visibleProperty().bind(vm.gridProperty());
        trash.managedProperty().bind(trash.visibleProperty());
        trash.setOnAction(e -> {
            confirmMoveToTrash();
            requestFocus();
        });
        MenuButton regenerate = regenerateMenu();
        MenuButton learningMenu = learningMenu();
        Button helpButton = iconButton(new Button(null, new FontIcon(Feather.HELP_CIRCLE)), "Keys (?)");
        helpButton.setOnAction(e -> {
            vm.toggleHelp();
            requestFocus();
        });
        // The filters give way when the window is narrow; the buttons keep their size.
        for (Control control : List.of(state, character, checkpoint, flag, from, order)) {
            control.setFocusTraversable(false);
            control.setMinWidth(84);
        }
        for (Control control : List.of(add, trash, regenerate, learningMenu, gridButton, helpButton)) {
            control.setFocusTraversable(false);
            control.setMinWidth(Region.USE_PREF_SIZE);
        }
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(6, state, character, checkpoint, flag, from, order, spacer, add, trash,
                regenerate, learningMenu, gridButton, helpButton);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 12, 8, 12));
        bar.getStyleClass().add("hl-review-toolbar");
        return bar;
    }

    private void confirmMoveToTrash() {
        int count = vm.selectedRejected().size();
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, count == 0 ? "No rejected image is selected."
                : "Move " + count + " rejected images out of their folders into the trash folder? Nothing is "
                        + "deleted; they stay in the library.", ButtonType.OK, ButtonType.CANCEL);
        confirm.setHeaderText("Move rejects to trash");
        confirm.initOwner(getScene().getWindow());
        if (count > 0 && confirm.showAndWait().filter(ButtonType.OK::equals).isPresent()) {
            vm.moveSelectedRejectsToTrash();
        }
    }

    /** Re-generate now (Shift+R), and what a re-generation may change besides the seed. */
    private MenuButton regenerateMenu() {
        MenuButton regenerate = iconMenu("review-regenerate", Feather.REFRESH_CW,
                "Re-generate the rejected image (Shift+R)");
        CheckMenuItem withSettings = new CheckMenuItem(
                "with the recommended settings (checkpoint, sampler, scheduler, CFG, steps)");
        withSettings.selectedProperty().bindBidirectional(vm.regenerateWithSettingsProperty());
        CheckMenuItem withNegatives = new CheckMenuItem("with the negative-prompt phrases for frequent reject reasons");
        withNegatives.selectedProperty().bindBidirectional(vm.regenerateWithNegativesProperty());
        regenerate.getItems().addAll(item("Re-generate the rejected image (Shift+R)", vm::regenerate),
                new SeparatorMenuItem(), withSettings, withNegatives);
        return regenerate;
    }

    /** The Learning page, comparisons, and the batch reject of the lowest-predicted images. */
    private MenuButton learningMenu() {
        MenuButton menu = iconMenu("review-learning", Feather.BAR_CHART_2,
                "What your decisions taught: acceptance by setting, recommendations, comparisons");
        menu.getItems().addAll(
                item("Learning: acceptance by setting, model quality, recommendations (Shift+L)", learning::toggle),
                item("Compare two images of one prompt: ← or → picks the better (Shift+C)", comparison::start),
                new SeparatorMenuItem(),
                item("Reject the pending images with the lowest predicted acceptance…", this::confirmRejectLowest));
        return menu;
    }

    /** A toolbar menu of learning actions: off when learning is unavailable; focus returns to the image after. */
    private MenuButton iconMenu(String id, Feather icon, String tooltip) {
        MenuButton menu = new MenuButton(null, new FontIcon(icon));
        menu.setId(id);
        menu.getStyleClass().add(Styles.BUTTON_ICON);
        menu.setTooltip(new Tooltip(tooltip));
        menu.setOnHidden(e -> requestFocus());
        menu.setDisable(!vm.learningAvailable());
        return menu;
    }

    private MenuItem item(String text, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setOnAction(e -> {
            action.run();
            requestFocus();
        });
        return item;
    }

    /** One question, then the batch reject: how many of the lowest-predicted pending images. */
    private void confirmRejectLowest() {
        List<ReviewItem> candidates = vm.lowestPredicted(100);
        if (candidates.isEmpty()) {
            vm.rejectAll(List.of());
            return;
        }
        List<Integer> counts = new ArrayList<>();
        for (int n : new int[] {5, 10, 20, 50, 100}) {
            if (n < candidates.size()) {
                counts.add(n);
            }
        }
        counts.add(candidates.size());
        ChoiceDialog<Integer> dialog = new ChoiceDialog<>(counts.getFirst(), counts);
        dialog.setHeaderText("Reject the pending images the model expects you to reject");
        dialog.setContentText("Reject this many, lowest predicted acceptance first (from "
                + Math.round(100 * candidates.getFirst().predicted()) + " %); Ctrl+Z undoes:");
        dialog.initOwner(getScene().getWindow());
        dialog.showAndWait().ifPresent(n -> vm.rejectAll(vm.lowestPredicted(n)));
    }

    private static <B extends ButtonBase> B iconButton(B button, String tooltip) {
        button.getStyleClass().add(Styles.BUTTON_ICON);
        button.setTooltip(new Tooltip(tooltip));
        return button;
    }

    private <T> ComboBox<T> combo(String all, ObservableList<T> choices, Function<T, String> text) {
        ObservableList<T> withAll = FXCollections.observableArrayList();
        withAll.add(null);
        withAll.addAll(choices);
        choices.addListener((ListChangeListener<T>) change -> {
            List<T> updated = new ArrayList<>();
            updated.add(null);
            updated.addAll(choices);
            withAll.setAll(updated);
        });
        ComboBox<T> combo = new ComboBox<>(withAll);
        combo.setPromptText(all);
        combo.setCellFactory(list -> cell(all, text));
        combo.setButtonCell(cell(all, text));
        combo.setOnHidden(e -> requestFocus());
        return combo;
    }

    private static <T> ListCell<T> cell(String all, Function<T, String> text) {
        return new ListCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item == null ? all : text.apply(item));
            }
        };
    }

    private Node statusBar() {
        Label counts = new Label();
        counts.textProperty().bind(vm.countsProperty());
        counts.setId("review-counts");
        Label position = new Label();
        position.textProperty().bind(vm.indexProperty().map(i -> vm.items().isEmpty() ? ""
                : String.format("%,d / %,d", i.intValue() + 1, vm.items().size())));
        Label status = new Label();
        status.setId("review-status");
        status.textProperty().bind(vm.statusProperty());
        status.getStyleClass().add(Styles.TEXT_MUTED);
        Label saving = new Label("saving…");
        saving.visibleProperty().bind(vm.busyProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(12, position, counts, status, spacer, saving);
        bar.setPadding(new Insets(4, 12, 4, 12));
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("hl-review-status");
        return bar;
    }

    /** What the Review view shows when it cannot work (no database), and why. */
    public static Node unavailable(String why) {
        Label title = new Label("Review is unavailable");
        title.getStyleClass().add(Styles.TITLE_3);
        Label text = new Label(why);
        text.setWrapText(true);
        text.setMaxWidth(520);
        VBox box = new VBox(10, title, text);
        box.setPadding(new Insets(32));
        return box;
    }

    private VBox emptyState() {
        Label title = new Label("No images to review yet");
        title.getStyleClass().add(Styles.TITLE_3);
        Label text = new Label("Add a folder of images — usually ComfyUI's output folder. It is indexed (metadata and "
                + "a hash per image), then watched for new files, subfolders included. Folders can also be listed "
                + "under review.folders in hydra.yaml, or imported with: hydra review import DIR");
        text.setWrapText(true);
        text.setMaxWidth(520);
        text.getStyleClass().add(Styles.TEXT_MUTED);
        VBox box = new VBox(10, new FontIcon(Feather.IMAGE), title, text);
        box.setAlignment(Pos.CENTER);
        box.setPadding(new Insets(32));
        box.getStyleClass().add("hl-review-empty");
        return box;
    }
}
