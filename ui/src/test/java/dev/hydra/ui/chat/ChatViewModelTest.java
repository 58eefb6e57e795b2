package dev.hydra.ui.chat;

import static dev.hydra.services.testing.ScriptedTurn.turn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hydra.services.chat.LettaClient;
import dev.hydra.services.chat.LettaEndpoint;
import dev.hydra.services.chat.LettaToken;
import dev.hydra.services.testing.FakeLettaAgent;
import dev.hydra.services.testing.FakeLettaServer;
import dev.hydra.ui.testing.SerialUi;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The chat view model against the fake Letta server's scripted turns, without the JavaFX toolkit. */
class ChatViewModelTest {

    private final FakeLettaServer server = FakeLettaServer.start();
    private final FakeLettaAgent steward = server.addAgent("hydra-steward", "openai/gpt-4.1-mini", "cluster");
    private final SerialUi ui = new SerialUi();
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private final LettaToken token = new LettaToken(Map.of(), dev.hydra.services.chat.SecretStore.inMemory());
    private ChatViewModel vm = viewModel(server.url());

    @AfterEach
    void stop() {
        server.close();
        ui.close();
        background.shutdownNow();
    }

    @Test
    void withoutAServerItSaysSoAndDoesNothing() {
        ChatViewModel none = new ChatViewModel(ChatSetup.notConfigured(), ui, background, Clock.systemUTC());
        none.connect();

        assertThat(ui.call(() -> none.stateProperty().get())).isEqualTo(ChatViewModel.State.NOT_CONFIGURED);
    }

    @Test
    void connectsOpensTheDefaultAgentAndShowsItsHistoryAndMemory() {
        steward.pastExchange("How are the GPUs?", "Both idle.");
        connect();

        assertThat(ui.call(() -> vm.agentProperty().get().name())).isEqualTo("hydra-steward");
        awaitUi(() -> texts().contains("Both idle."));
        assertThat(ui.call(this::texts)).containsSubsequence("How are the GPUs?", "Both idle.");
        awaitUi(() -> vm.memory().blocks().size() == 2);
        assertThat(ui.call(() -> vm.memory().blocks().getFirst().charsText())).endsWith(" / 20000");
    }

    @Test
    void aStreamedReplyAppearsFoldsReasoningAndToolsAndMatchesHistoryAfterwards() {
        steward.script(turn().reasoning("Check the GPUs.").callsTool("gpu_status", "{\"node\":\"hydra-ai\"}", "2 idle")
                .says("Both **GPUs** are idle.").inChunksOf(3));
        connect();

        send("how are the GPUs?");
        awaitIdle();

        List<ChatEntry> rows = ui.call(() -> List.copyOf(vm.entries()));
        List<ChatEntry.Kind> kinds = rows.stream().map(ChatEntry::kind).toList();
        assertThat(kinds).containsSubsequence(ChatEntry.Kind.USER, ChatEntry.Kind.REASONING, ChatEntry.Kind.TOOL,
                ChatEntry.Kind.ASSISTANT);
        ChatEntry tool = rows.stream().filter(r -> r.kind() == ChatEntry.Kind.TOOL).findFirst().orElseThrow();
        assertThat(tool.titleProperty().get()).isEqualTo("gpu_status");
        assertThat(tool.textProperty().get()).contains("\"node\" : \"hydra-ai\"");
        assertThat(tool.detailProperty().get()).isEqualTo("2 idle");
        assertThat(tool.expandedProperty().get()).as("folded by default").isFalse();
        assertThat(rows).allMatch(ChatEntry::stored).as("every row is the stored one");
        assertThat(rows.getLast().textProperty().get()).isEqualTo("Both **GPUs** are idle.");
        assertThat(rows.stream().filter(r -> r.kind() == ChatEntry.Kind.USER).count()).as("the optimistic bubble "
                + "became the stored user message (matched by otid)").isEqualTo(1);
    }

    @Test
    void aToolErrorIsVisible() {
        steward.script(turn().callsFailingTool("restart_container", "{}", "docker: permission denied").says("It failed."));
        connect();

        send("restart it");
        awaitIdle();

        ChatEntry tool = ui.call(() -> vm.entries().stream().filter(r -> r.kind() == ChatEntry.Kind.TOOL).findFirst()
                .orElseThrow());
        assertThat(tool.failedProperty().get()).isTrue();
        assertThat(tool.detailProperty().get()).isEqualTo("docker: permission denied");
    }

    @Test
    void aCutStreamKeepsWhatArrivedReconcilesAndOffersRetry() {
        steward.script(turn().reasoning("Thinking").says("A reply the connection cuts.").inChunksOf(2).dropsAfter(6));
        connect();

        send("hello");
        awaitIdle();

        assertThat(ui.call(this::texts)).as("history had the whole reply").contains("A reply the connection cuts.");
        ChatEntry error = ui.call(() -> vm.entries().getLast());
        assertThat(error.kind()).isEqualTo(ChatEntry.Kind.ERROR);
        assertThat(error.textProperty().get()).startsWith("the stream ended before the turn was finished");
        assertThat(ui.call(() -> vm.canRetryProperty().get())).isTrue();
    }

    @Test
    void aServerErrorMidStreamIsShownAndRetrySendsAgain() {
        steward.script(turn().failsMidStream("llm_timeout", "The LLM request timed out. Please try again."));
        connect();
        send("hello");
        awaitIdle();
        assertThat(ui.call(() -> vm.entries().getLast().textProperty().get()))
                .isEqualTo("The LLM request timed out. Please try again.");

        ui.run(vm::retry);
        awaitIdle();

        assertThat(ui.call(this::texts)).contains("You said: hello");
        assertThat(ui.call(() -> vm.entries().getLast().kind())).isEqualTo(ChatEntry.Kind.ASSISTANT);
        assertThat(ui.call(() -> vm.canRetryProperty().get())).isFalse();
    }

    @Test
    void aRefusedSendKeepsTheMessageMarkedNotStored() {
        steward.script(turn().refusedWith(503, "{\"detail\":\"Database unavailable\"}"));
        connect();

        send("hello");
        awaitIdle();

        List<ChatEntry> rows = ui.call(() -> List.copyOf(vm.entries()));
        ChatEntry mine = rows.get(rows.size() - 2);
        assertThat(mine.textProperty().get()).isEqualTo("hello");
        assertThat(mine.incompleteProperty().get()).isTrue();
        assertThat(rows.getLast().textProperty().get()).startsWith("Database unavailable (503");
    }

    @Test
    void stopCancelsTheRun() {
        server.keepaliveEvery(Duration.ofMillis(50));
        steward.script(turn().says("Researching at length").runsUntilCancelled());
        connect();
        send("research");
        awaitUi(() -> texts().contains("Researching at length"));

        ui.run(vm::stop);
        awaitIdle();

        assertThat(server.requests("POST", "/v1/agents/")).anyMatch(r -> r.path().endsWith("/messages/cancel"));
        assertThat(ui.call(() -> vm.entries().getLast().kind())).as("a stop is not an error").isEqualTo(ChatEntry.Kind.ASSISTANT);
    }

    @Test
    void approvalsAreAnsweredAndTheTurnGoesOn() {
        steward.script(turn().asksApproval("restart_container", "{\"container\":\"comfyui\"}").says("Restarted."));
        connect();
        send("restart comfyui");
        awaitIdle();
        ChatEntry request = ui.call(() -> vm.entries().stream().filter(r -> r.kind() == ChatEntry.Kind.APPROVAL)
                .findFirst().orElseThrow());
        assertThat(request.approvalProperty().get()).isEqualTo(ChatEntry.Approval.PENDING);
        assertThat(request.titleProperty().get()).isEqualTo("Approve restart_container?");

        ui.run(() -> vm.answer(request, true, "ok, it is idle"));
        awaitIdle();

        assertThat(ui.call(this::texts)).contains("Restarted.");
        ChatEntry answered = ui.call(() -> vm.entries().stream().filter(r -> r.kind() == ChatEntry.Kind.APPROVAL)
                .findFirst().orElseThrow());
        assertThat(answered.approvalProperty().get()).isEqualTo(ChatEntry.Approval.APPROVED);
        assertThat(server.requests("POST", "/v1/agents/").getLast().json().at("/messages/0/reason").isMissingNode()).isTrue();
        assertThat(server.requests("POST", "/v1/agents/").getLast().json().at("/messages/0/approvals/0/reason").asText())
                .isEqualTo("ok, it is idle");
    }

    @Test
    void olderPagesLoadInFrontWithoutDuplicates() {
        for (int i = 0; i < 120; i++) {
            steward.pastExchange("question " + i, "answer " + i);
        }
        connect();
        awaitUi(() -> texts().contains("answer 119"));
        int first = ui.call(() -> vm.entries().size());
        assertThat(ui.call(() -> vm.hasOlderProperty().get())).isTrue();

        ui.run(vm::loadOlder);
        awaitUi(() -> vm.entries().size() > first);
        assertThat(ui.call(() -> vm.olderRowsAddedProperty().get())).isEqualTo(vm.entries().size() - first);
        int pages = 1;
        while (ui.call(() -> vm.hasOlderProperty().get())) {
            ui.run(vm::loadOlder);
            awaitUi(() -> !vm.loadingOlderProperty().get());
            pages++;
        }
        assertThat(pages).as("241 stored messages, 50 a page").isEqualTo(4);

        List<String> texts = ui.call(this::texts);
        assertThat(texts).doesNotHaveDuplicates();
        assertThat(texts.indexOf("question 0")).isLessThan(texts.indexOf("answer 119"));
        assertThat(ui.call(() -> vm.hasOlderProperty().get())).as("the system prompt is the start").isFalse();
    }

    @Test
    void theMemoryPanelSavesEditsAndHighlightsWhatTheAgentChanged() {
        steward.script(turn().editsMemory("human", "Name: Dana. Prefers tables.").says("Noted."));
        connect();
        awaitUi(() -> vm.memory().blocks().size() == 2);

        send("I like tables");
        awaitIdle();
        awaitUi(() -> block("human").changedByAgentProperty().get());
        MemoryBlockViewModel human = ui.call(() -> block("human"));
        assertThat(human.valueProperty().get()).isEqualTo("Name: Dana. Prefers tables.");
        assertThat(human.previousValueProperty().get()).isEqualTo("Name: Dana. Prefers short answers.");
        assertThat(ui.call(() -> block("persona").changedByAgentProperty().get())).isFalse();

        MemoryBlockViewModel persona = ui.call(() -> block("persona"));
        ui.run(() -> persona.draftProperty().set("I am the steward. Be terse."));
        assertThat(ui.call(() -> persona.dirty().get())).isTrue();
        ui.run(() -> vm.memory().save(persona));
        awaitUi(() -> !persona.dirty().get() && !persona.savingProperty().get());
        assertThat(steward.blockValue("persona")).isEqualTo("I am the steward. Be terse.");
    }

    @Test
    void aDraftOverTheBlocksLimitIsNotSaved() {
        steward.block("scratch", "short", 10);
        connect();
        awaitUi(() -> vm.memory().blocks().size() == 3);
        MemoryBlockViewModel scratch = ui.call(() -> block("scratch"));

        ui.run(() -> scratch.draftProperty().set("far longer than ten"));
        ui.run(() -> vm.memory().save(scratch));

        assertThat(ui.call(() -> scratch.problemProperty().get())).isEqualTo("Too long: 19 characters, the limit is 10");
        assertThat(ui.call(scratch::charsText)).isEqualTo("19 / 10");
        assertThat(steward.blockValue("scratch")).isEqualTo("short");
        assertThat(server.requests("PATCH", "/v1/agents/")).isEmpty();
    }

    @Test
    void aTokenRefusedMidSessionAsksForItAgain() {
        connect();
        server.requirePassword("new-password");

        send("hello");
        awaitIdle();

        assertThat(ui.call(() -> vm.stateProperty().get())).isEqualTo(ChatViewModel.State.NEEDS_TOKEN);
    }

    @Test
    void archivalMemoryIsSearchedAndAddedTo() {
        steward.passage("Dana's dentist is Dr. Ruiz").passage("ComfyUI runs on the 4090");
        connect();
        awaitUi(() -> vm.memory().passages().size() == 2);

        ui.run(() -> vm.memory().queryProperty().set("dentist"));
        ui.run(vm.memory()::search);
        awaitUi(() -> vm.memory().passages().size() == 1);
        ui.run(() -> vm.memory().newPassageProperty().set("Backups run on Sunday"));
        ui.run(vm.memory()::addPassage);
        awaitUi(() -> vm.memory().passages().size() == 2);

        assertThat(ui.call(() -> vm.memory().passages().getFirst().text())).isEqualTo("Backups run on Sunday");
    }

    @Test
    void anUnreachableServerOffersRetryAndA401AsksForTheToken() {
        ChatViewModel down = viewModel("http://127.0.0.1:9");
        down.connect();
        awaitUi(() -> down.stateProperty().get() == ChatViewModel.State.UNREACHABLE);
        assertThat(ui.call(() -> down.stateMessageProperty().get())).startsWith("Cannot reach Letta at http://127.0.0.1:9");

        server.requirePassword("pw");
        vm.connect();
        awaitUi(() -> vm.stateProperty().get() == ChatViewModel.State.NEEDS_TOKEN);
        ui.run(() -> vm.submitToken("pw"));
        awaitUi(() -> vm.stateProperty().get() == ChatViewModel.State.READY);
        assertThat(token.token()).contains("pw");
    }

    private ChatViewModel viewModel(String url) {
        return new ChatViewModel(new ChatSetup(url, "hydra-steward", new LettaClient(LettaEndpoint.of(url), token), token),
                ui, background, Clock.systemUTC());
    }

    private void connect() {
        vm.connect();
        awaitUi(() -> vm.stateProperty().get() == ChatViewModel.State.READY);
    }

    private void send(String text) {
        ui.run(() -> {
            vm.draftProperty().set(text);
            vm.send();
        });
    }

    private void awaitIdle() {
        awaitUi(() -> !vm.busyProperty().get());
    }

    private void awaitUi(Callable<Boolean> condition) {
        await().atMost(Duration.ofSeconds(15)).until(() -> ui.call(condition));
    }

    private List<String> texts() {
        return vm.entries().stream().map(e -> e.textProperty().get()).toList();
    }

    private MemoryBlockViewModel block(String label) {
        return vm.memory().blocks().stream().filter(b -> b.label().equals(label)).findFirst().orElseThrow();
    }
}
