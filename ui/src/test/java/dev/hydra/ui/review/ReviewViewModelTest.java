package dev.hydra.ui.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hydra.services.review.AssetQuery;
import dev.hydra.services.review.FolderImporter;
import dev.hydra.services.review.ReviewState;
import dev.hydra.services.review.ReviewStats;
import dev.hydra.ui.common.UiExecutor;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The review view model on a real library, without a toolkit: background work runs when the test says so. */
class ReviewViewModelTest {

    @TempDir
    Path dir;
    private ReviewFixture fixture;
    private final Deque<Runnable> background = new ArrayDeque<>();

    @AfterEach
    void close() {
        fixture.close();
    }

    private ReviewViewModel viewModel(int images, boolean runAtOnce) throws Exception {
        fixture = new ReviewFixture(dir).withImages(images, images > 100 ? ReviewFixture.SMALL : ReviewFixture.FIXTURES);
        Executor executor = runAtOnce ? Runnable::run : background::add;
        ReviewViewModel vm = new ReviewViewModel(fixture.library, folder -> new FolderImporter(fixture.library)
                .importFolder(folder, o -> { }), fixture.settings, executor, UiExecutor.IMMEDIATE);
        vm.reload();
        drain();
        return vm;
    }

    private void drain() {
        Runnable next;
        while ((next = background.poll()) != null) {
            next.run();
        }
    }

    @Test
    void twoThousandImagesAreCulledWithKeysAloneAndEveryDecisionIsStored() throws Exception {
        ReviewViewModel vm = viewModel(2000, true);
        assertThat(vm.items()).hasSize(2000);
        assertThat(vm.currentProperty().get().fileName()).isEqualTo("img_00000.png");

        for (int i = 0; i < 2000; i++) {
            switch (i % 4) {
                case 0, 1 -> vm.accept();
                case 2 -> {
                    vm.reject();
                    vm.reason("H");
                }
                default -> vm.reject();
            }
        }

        ReviewStats stats = fixture.library.stats();
        assertThat(stats.byState()).containsEntry("accepted", 1000L).containsEntry("rejected", 1000L)
                .containsEntry("pending", 0L);
        assertThat(fixture.library.list(AssetQuery.ALL.withState(ReviewState.REJECTED)).stream()
                .filter(a -> a.reasons().contains("hands")).count()).isEqualTo(500);
        assertThat(vm.countsProperty().get()).isEqualTo("2,000 images · 0 pending · 1,000 accepted · 1,000 rejected");
        assertThat(vm.recentDecisions()).hasSize(ReviewViewModel.RECENT);
        assertThat(vm.statusProperty().get()).startsWith("That was the last image");
    }

    @Test
    void keysPressedWhileADecisionIsSavedWaitTheirTurnInOrder() throws Exception {
        ReviewViewModel vm = viewModel(6, false);

        vm.reject();
        vm.accept();
        vm.skip();
        vm.accept();
        assertThat(vm.busyProperty().get()).as("the first decision is not committed yet").isTrue();
        assertThat(vm.indexProperty().get()).as("the screen waits for the commit").isZero();
        drain();

        assertThat(vm.items()).extracting(ReviewItem::state).containsExactly(ReviewState.REJECTED,
                ReviewState.ACCEPTED, ReviewState.PENDING, ReviewState.ACCEPTED, ReviewState.PENDING,
                ReviewState.PENDING);
        assertThat(vm.indexProperty().get()).isEqualTo(4);
        assertThat(vm.busyProperty().get()).isFalse();
    }

    @Test
    void aReasonTypedBeforeTheRejectIsSavedStillNamesTheRejectedImage() throws Exception {
        ReviewViewModel vm = viewModel(4, false);

        vm.accept();
        vm.reject();
        vm.reason("H");
        vm.accept();
        drain();

        assertThat(vm.items()).extracting(ReviewItem::reasons).containsExactly(java.util.Set.of(),
                java.util.Set.of("hands"), java.util.Set.of(), java.util.Set.of());
    }

    @Test
    void aReasonKeyWithoutARejectSaysWhatItIsFor() throws Exception {
        ReviewViewModel vm = viewModel(3, true);
        vm.accept();

        assertThat(vm.reason("h")).isTrue();

        assertThat(vm.statusProperty().get()).isEqualTo("H (hands) names the reason of a reject: press it right after "
                + "X or R");
        assertThat(vm.items()).extracting(ReviewItem::reasons).allMatch(java.util.Set::isEmpty);
    }

    @Test
    void undoWalksBackThroughReasonAndRejectAndShowsTheImageAgain() throws Exception {
        ReviewViewModel vm = viewModel(3, true);

        vm.reject();
        assertThat(vm.reason("F")).isTrue();
        assertThat(vm.reason("Q")).as("not a reason key").isFalse();
        assertThat(vm.items().getFirst().reasons()).containsExactly("face");
        assertThat(vm.recentDecisions()).extracting(DecisionRow::text)
                .containsExactly("rejected · face · img_00000.png");

        vm.undo();
        assertThat(vm.items().getFirst().reasons()).isEmpty();
        assertThat(vm.items().getFirst().state()).isEqualTo(ReviewState.REJECTED);
        vm.undo();

        assertThat(vm.items().getFirst().state()).isEqualTo(ReviewState.PENDING);
        assertThat(vm.indexProperty().get()).as("back on the undone image").isZero();
        assertThat(fixture.library.get(vm.items().getFirst().id()).orElseThrow().state())
                .isEqualTo(ReviewState.PENDING);
        vm.undo();
        assertThat(vm.statusProperty().get()).isEqualTo("Nothing to undo");
    }

    @Test
    void aDecisionThatCannotBeSavedDoesNotMoveOnAndSaysSo() throws Exception {
        ReviewViewModel vm = viewModel(3, true);
        fixture.database.close();

        vm.accept();

        assertThat(vm.indexProperty().get()).isZero();
        assertThat(vm.items().getFirst().state()).isEqualTo(ReviewState.PENDING);
        assertThat(vm.statusProperty().get()).startsWith("Not saved, nothing changed: ");
        assertThat(vm.busyProperty().get()).isFalse();
    }

    @Test
    void shiftSelectionAndBatchDecisionInTheGrid() throws Exception {
        ReviewViewModel vm = viewModel(8, true);
        vm.toggleGrid();

        vm.select(1, false, false);
        vm.move(1, true);
        vm.move(1, true);
        vm.select(6, false, true);
        assertThat(vm.selection()).hasSize(4);
        vm.decideSelection(ReviewState.REJECTED);

        assertThat(vm.items()).extracting(ReviewItem::state).containsExactly(ReviewState.PENDING, ReviewState.REJECTED,
                ReviewState.REJECTED, ReviewState.REJECTED, ReviewState.PENDING, ReviewState.PENDING,
                ReviewState.REJECTED, ReviewState.PENDING);
        assertThat(vm.selection()).isEmpty();
    }

    @Test
    void onlySelectedRejectsMoveToTheTrashAndStayInTheLibrary() throws Exception {
        ReviewViewModel vm = viewModel(4, true);
        vm.reject();
        vm.accept();
        vm.reject();
        vm.toggleGrid();
        vm.select(0, false, false);
        vm.select(3, true, false);

        vm.moveSelectedRejectsToTrash();

        assertThat(vm.statusProperty().get()).isEqualTo("2 rejected images moved to " + dir.resolve("trash"));
        assertThat(java.nio.file.Files.exists(fixture.images.resolve("batch").resolveSibling("img_00000.png")))
                .isFalse();
        assertThat(java.nio.file.Files.exists(fixture.images.resolve("img_00001.png"))).as("accepted: untouched")
                .isTrue();
        assertThat(vm.items()).hasSize(4);
        assertThat(vm.items().getFirst().path().startsWith(dir.resolve("trash"))).isTrue();
        assertThat(java.nio.file.Files.exists(vm.items().getFirst().path())).isTrue();
    }

    @Test
    void filtersNarrowTheListAndKeepTheCurrentImage() throws Exception {
        ReviewViewModel vm = viewModel(6, true);
        vm.accept();
        vm.reject();

        vm.stateFilterProperty().set(ReviewState.REJECTED);
        assertThat(vm.items()).extracting(ReviewItem::fileName).containsExactly("img_00001.png");
        vm.stateFilterProperty().set(null);
        vm.checkpointFilterProperty().set("z_image_turbo_bf16.safetensors");
        assertThat(vm.items()).extracting(ReviewItem::fileName).containsExactly("img_00001.png");
        assertThat(vm.checkpointChoices()).contains("z_image_turbo_bf16.safetensors", "v1-5-pruned-emaonly.ckpt");
        vm.checkpointFilterProperty().set(null);
        vm.newestFirstProperty().set(true);
        assertThat(vm.items().getFirst().fileName()).isEqualTo("img_00005.png");
        assertThat(vm.currentProperty().get().fileName()).as("still on the same image").isEqualTo("img_00001.png");
        assertThat(vm.detailsProperty().get().seed()).isEqualTo("47447417949230");
    }

    @Test
    void theMetadataPanelShowsTheFinalPassFacts() throws Exception {
        ReviewViewModel vm = viewModel(1, true);

        ReviewDetails details = vm.detailsProperty().get();

        assertThat(details.checkpoint()).isEqualTo("v1-5-pruned-emaonly.ckpt");
        assertThat(details.loras()).containsExactly("epiNoiseoffset_v2.safetensors 1.0 / 1.0",
                "theovercomer8sContrastFix_sd15.safetensors 1.0 / 1.0");
        assertThat(details.seed()).isEqualTo("513173432917412");
        assertThat(details.sampler()).isEqualTo("euler · normal");
        assertThat(details.generationSize()).isEqualTo("512 × 512");
        assertThat(details.imageSize()).isEqualTo("2324 × 799");
        assertThat(details.positive()).isEqualTo("masterpiece best quality girl");
        assertThat(details.flags()).containsExactly("quality not checked yet");
    }
}
