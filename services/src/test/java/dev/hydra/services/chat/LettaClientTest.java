package dev.hydra.services.chat;

import static dev.hydra.services.testing.ScriptedTurn.turn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hydra.services.testing.FakeLettaAgent;
import dev.hydra.services.testing.FakeLettaServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Letta client against the fake server of the spec's contract: every endpoint, streams, failures. */
class LettaClientTest {

    private final FakeLettaServer server = FakeLettaServer.start();
    private final FakeLettaAgent steward = server.addAgent("hydra-steward", "openai/gpt-4.1-mini", "cluster", "ops");
    private final LettaClient client = new LettaClient(LettaEndpoint.of(server.url()), TokenSource.NONE);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void healthUsesTheTrailingSlashAndSaysTheVersion() {
        assertThat(client.health()).isEqualTo(new ServerHealth("0.16.8", "ok"));
        assertThat(server.requests()).extracting(FakeLettaServer.Recorded::path).containsExactly("/v1/health/");
    }

    @Test
    void followsA307AndKeepsTheToken() {
        server.requirePassword("s3cret").failNext("GET", "/v1/agents/", 307, "");
        LettaClient withToken = new LettaClient(LettaEndpoint.of(server.url() + "/v1/"), () -> java.util.Optional.of("s3cret"));

        assertThat(withToken.agents(10)).extracting(Agent::name).containsExactly("hydra-steward");
        List<FakeLettaServer.Recorded> calls = server.requests("GET", "/v1/agents/");
        assertThat(calls).hasSize(2);
        assertThat(calls.get(1).header("Authorization")).isEqualTo("Bearer s3cret");
    }

    @Test
    void listsAgentsWithBlocksAndTagsAskedForExplicitly() {
        Agent agent = client.agents(50).getFirst();

        assertThat(agent.id()).startsWith("agent-");
        assertThat(agent.model()).isEqualTo("openai/gpt-4.1-mini");
        assertThat(agent.tags()).containsExactly("cluster", "ops");
        assertThat(agent.blocks()).extracting(MemoryBlock::label).containsExactly("persona", "human");
        FakeLettaServer.Recorded call = server.requests("GET", "/v1/agents/").getFirst();
        assertThat(call.query()).contains("include=agent.blocks").contains("include=agent.tags");
        assertThat(call.header("X-Stainless-Package-Version")).isEqualTo("1.0.0");
    }

    @Test
    void findsAnAgentByNameOrSaysWhichThereAre() {
        assertThat(client.findAgent("hydra-steward").id()).isEqualTo(steward.id());
        assertThat(client.findAgent(steward.id()).name()).isEqualTo("hydra-steward");

        assertThatThrownBy(() -> client.findAgent("nobody")).isInstanceOf(ChatException.class)
                .hasMessage("No agent named 'nobody' on " + server.url() + "; agents there: hydra-steward")
                .extracting(e -> ((ChatException) e).kind()).isEqualTo(ChatException.Kind.NOT_FOUND);
    }

    @Test
    void anUnknownAgentAndAMalformedIdAreExplainedInTheServersWords() {
        assertThatThrownBy(() -> client.agent("agent-123e4567-e89b-42d3-8456-426614174000"))
                .hasMessageStartingWith("Agent with ID agent-123e4567-e89b-42d3-8456-426614174000 not found (404");
        assertThatThrownBy(() -> client.blocks("agent-nope"))
                .hasMessageContaining("String should match pattern 'agent-{uuid4}'")
                .extracting(e -> ((ChatException) e).kind()).isEqualTo(ChatException.Kind.REJECTED);
    }

    @Test
    void sendsWithoutStreamingAndGetsTheWholeTurn() {
        steward.script(turn().reasoning("Greeting; reply briefly.").says("Hi Dana!"));

        Turn turn = client.send(steward.id(), new Outgoing.Text("hello", "6d0f2e7a-1b3c-4f55-9a61-0c2b7e8d9f01"));

        assertThat(turn.replyText()).isEqualTo("Hi Dana!");
        assertThat(turn.messages()).extracting(LettaMessage::type).containsExactly("reasoning_message", "assistant_message");
        assertThat(turn.stopReason().reason()).isEqualTo("end_turn");
        assertThat(turn.usage().promptTokens()).isEqualTo(2410);
        FakeLettaServer.Recorded sent = server.requests("POST", "/v1/agents/").getFirst();
        assertThat(sent.json().at("/messages/0/otid").asText()).isEqualTo("6d0f2e7a-1b3c-4f55-9a61-0c2b7e8d9f01");
        assertThat(sent.json().has("streaming")).as("no streaming-only flags on a plain send").isFalse();
    }

    @Test
    void streamsStepsWholeWithPingAndDone() throws Exception {
        steward.script(turn().reasoning("Check the calendar.").callsTool("archival_memory_search",
                "{\"query\": \"calendar\"}", "[{\"content\": \"Dentist 10:00\"}]").says("Dentist at 10:00."));

        Recording recording = stream(false, "what's on tomorrow?");

        assertThat(recording.events.getFirst()).isInstanceOf(StreamEvent.Ping.class);
        assertThat(((StreamEvent.Ping) recording.events.getFirst()).runId()).startsWith("run-");
        assertThat(recording.assembler.messages()).extracting(LettaMessage::type).containsExactly("reasoning_message",
                "tool_call_message", "tool_return_message", "assistant_message");
        LettaMessage.ToolCallRequest call = (LettaMessage.ToolCallRequest) recording.assembler.messages().get(1);
        assertThat(call.toolCall().name()).isEqualTo("archival_memory_search");
        assertThat(call.toolCall().arguments()).isEqualTo("{\"query\": \"calendar\"}");
        LettaMessage.ToolReturn result = (LettaMessage.ToolReturn) recording.assembler.messages().get(2);
        assertThat(result.toolCallId()).isEqualTo(call.toolCall().toolCallId());
        assertThat(result.failed()).isFalse();
        assertThat(recording.end.sawDone()).isTrue();
        assertThat(recording.end.succeeded()).isTrue();
        FakeLettaServer.Recorded sent = server.requests("POST", "/v1/agents/").getFirst();
        assertThat(sent.path()).endsWith("/messages");
        assertThat(sent.json().get("streaming").asBoolean()).isTrue();
    }

    @Test
    void tokenFragmentsJoinByOtidIntoWhatHistoryStored() throws Exception {
        steward.script(turn().reasoning("Greeting; reply briefly.").callsTool("send_status", "{\"node\": \"hydra-ai\"}", "up")
                .says("Hi there, all nodes are up!").inChunksOf(3));

        Recording recording = stream(true, "hello");

        long fragments = recording.events.stream().filter(e -> e instanceof LettaMessage.Assistant).count();
        assertThat(fragments).isGreaterThan(5);
        List<LettaMessage> joined = recording.assembler.messages();
        assertThat(((LettaMessage.Reasoning) joined.get(0)).reasoning()).isEqualTo("Greeting; reply briefly.");
        LettaMessage.ToolCallRequest call = (LettaMessage.ToolCallRequest) joined.get(1);
        assertThat(call.toolCall().name()).isEqualTo("send_status");
        assertThat(call.toolCall().arguments()).isEqualTo("{\"node\": \"hydra-ai\"}");
        assertThat(joined.get(0).meta().id()).as("one LLM response, one id").isEqualTo(call.meta().id());
        assertThat(joined.get(0).meta().otid()).isNotEqualTo(call.meta().otid());
        assertThat(recording.assembler.turn().replyText()).isEqualTo("Hi there, all nodes are up!");

        List<LettaMessage> stored = client.history(steward.id(), HistoryQuery.latest(50));
        List<LettaMessage> turnInHistory = stored.subList(stored.size() - 4, stored.size());
        assertThat(turnInHistory).as("stream and history agree on ids, otids and text").isEqualTo(joined);
    }

    @Test
    void theUsersOwnMessageIsStoredWithOurOtid() {
        Outgoing.Text hello = Outgoing.text("hello there");
        client.send(steward.id(), hello);

        List<LettaMessage> history = client.history(steward.id(), HistoryQuery.latest(10));
        assertThat(history.getFirst()).isInstanceOf(LettaMessage.System.class);
        LettaMessage.User user = (LettaMessage.User) history.get(1);
        assertThat(user.content()).isEqualTo("hello there");
        assertThat(user.meta().otid()).isEqualTo(hello.otid());
    }

    @Test
    void historyPagesBackwardsAndCatchesUpForwards() {
        for (int i = 0; i < 30; i++) {
            steward.pastExchange("question " + i, "answer " + i);
        }
        List<LettaMessage> newest = client.history(steward.id(), HistoryQuery.latest(10));
        assertThat(newest).hasSize(10);
        assertThat(((LettaMessage.Assistant) newest.getLast()).content()).isEqualTo("answer 29");
        assertThat(((LettaMessage.User) newest.getFirst()).content()).as("chronological inside the page").isEqualTo("question 25");

        List<LettaMessage> older = client.history(steward.id(), HistoryQuery.olderThan(newest.getFirst().meta().id(), 10));
        assertThat(((LettaMessage.Assistant) older.getLast()).content()).isEqualTo("answer 24");

        List<LettaMessage> after = client.history(steward.id(), HistoryQuery.newerThan(older.getLast().meta().id(), 4));
        assertThat(after).extracting(m -> m.meta().id()).containsExactlyElementsOf(newest.subList(0, 4).stream()
                .map(m -> m.meta().id()).toList());
        assertThatThrownBy(() -> client.history(steward.id(), HistoryQuery.olderThan("message-gone", 10)))
                .hasMessageStartingWith("No message found with id 'message-gone'")
                .extracting(e -> ((ChatException) e).kind()).isEqualTo(ChatException.Kind.NOT_FOUND);
    }

    @Test
    void anErrorBeforeTheStreamIsAnHttpErrorWithTheServersMessage() throws Exception {
        steward.script(turn().refusedWith(503, "{\"detail\":\"Database unavailable\"}"));

        Recording recording = stream(false, "hello");

        assertThat(recording.events).isEmpty();
        assertThat(recording.end.failure().kind()).isEqualTo(ChatException.Kind.SERVER_ERROR);
        assertThat(recording.end.problem()).startsWith("Database unavailable (503 from POST ");
    }

    @Test
    void anErrorMidStreamKeepsWhatArrivedAndSaysWhy() throws Exception {
        steward.script(turn().reasoning("Let me think.").failsMidStream("llm_timeout", "The LLM request timed out. Please try again."));

        Recording recording = stream(false, "hello");

        assertThat(recording.assembler.messages()).hasSize(1);
        assertThat(recording.end.stopReason().reason()).isEqualTo("llm_api_error");
        assertThat(recording.end.error().errorType()).isEqualTo("llm_timeout");
        assertThat(recording.end.problem()).isEqualTo("The LLM request timed out. Please try again.");
        assertThat(recording.end.succeeded()).isFalse();
        assertThat(recording.end.sawDone()).isTrue();
    }

    @Test
    void theOldErrorEnvelopeIsReadToo() throws Exception {
        steward.script(turn().failsMidStreamTheOldWay("llm_rate_limit", "Rate limited"));

        Recording recording = stream(true, "hello");

        assertThat(recording.end.error()).isEqualTo(new StreamEvent.Error("llm_rate_limit", "Rate limited", "upstream said no", null));
    }

    @Test
    void aDroppedConnectionEndsTheStreamIncompleteAndHistoryHasTheRest() throws Exception {
        steward.script(turn().reasoning("Thinking about it at length.").says("A long answer that never arrives whole.")
                .inChunksOf(4).dropsAfter(5));

        Recording recording = stream(true, "hello");

        assertThat(recording.end.complete()).isFalse();
        assertThat(recording.end.sawDone()).isFalse();
        assertThat(recording.end.problem()).isEqualTo("the stream ended before the turn was finished");
        assertThat(recording.assembler.messages()).isNotEmpty();
        List<LettaMessage> history = client.history(steward.id(), HistoryQuery.latest(5));
        assertThat(((LettaMessage.Assistant) history.getLast()).content()).isEqualTo("A long answer that never arrives whole.");
    }

    @Test
    void cancelStopsTheRunAndTheStreamEndsCancelled() throws Exception {
        server.keepaliveEvery(Duration.ofMillis(100));
        steward.script(turn().reasoning("Researching...").runsUntilCancelled());
        Recording recording = new Recording();
        ActiveStream stream = client.stream(steward.id(), Outgoing.text("research GPUs"), true, recording);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> recording.events.stream()
                .filter(StreamEvent.Ping.class::isInstance).count() >= 3);
        String runId = stream.runId().orElseThrow();

        assertThat(client.cancel(steward.id(), List.of(runId))).containsEntry(runId, "cancelled");
        StreamEnd end = stream.awaitEnd(Duration.ofSeconds(10)).orElseThrow();

        assertThat(end.stopReason().cancelled()).isTrue();
        assertThat(end.problem()).isNull();
        assertThat(client.run(runId).status()).isEqualTo("cancelled");
        assertThat(server.requests("POST", "/v1/agents/").getLast().json().get("run_ids").get(0).asText()).isEqualTo(runId);
        assertThatThrownBy(() -> client.cancel(steward.id(), List.of()))
                .hasMessageStartingWith("CONFLICT: No active runs to cancel for agent " + steward.id())
                .extracting(e -> ((ChatException) e).kind()).isEqualTo(ChatException.Kind.CONFLICT);
    }

    @Test
    void closingTheStreamEndsItAsOurs() throws Exception {
        steward.script(turn().says("slow").runsUntilCancelled());
        Recording recording = new Recording();
        ActiveStream stream = client.stream(steward.id(), Outgoing.text("hello"), false, recording);
        org.awaitility.Awaitility.await().until(() -> recording.events.size() >= 2);

        stream.close();
        StreamEnd end = stream.awaitEnd(Duration.ofSeconds(10)).orElseThrow();

        assertThat(end.closedByUs()).isTrue();
        assertThat(end.failure()).isNull();
        client.cancel(steward.id(), List.of());
    }

    @Test
    void approvalsEndTheTurnAndAnAnswerContinuesIt() throws Exception {
        steward.script(turn().reasoning("Restarting needs approval.").asksApproval("restart_container",
                "{\"node\": \"hydra-compute\", \"container\": \"comfyui\"}").says("ComfyUI restarted."));

        Recording asked = stream(false, "restart comfyui");
        assertThat(asked.end.stopReason().requiresApproval()).isTrue();
        LettaMessage.ApprovalRequest request = asked.assembler.turn().pendingApprovals().getFirst();
        assertThat(request.toolCall().name()).isEqualTo("restart_container");

        assertThatThrownBy(() -> client.send(steward.id(), Outgoing.text("are you there?")))
                .hasMessageStartingWith("PENDING_APPROVAL: Cannot send a new message")
                .extracting(e -> ((ChatException) e).kind()).isEqualTo(ChatException.Kind.CONFLICT);

        Recording answered = new Recording();
        client.stream(steward.id(), new Outgoing.ApprovalAnswer(request.toolCall().toolCallId(), true, "go ahead"), false,
                answered).awaitEnd(Duration.ofSeconds(10));
        assertThat(answered.assembler.turn().replyText()).isEqualTo("ComfyUI restarted.");
        assertThat(((LettaMessage.ToolReturn) answered.assembler.messages().getFirst()).toolCallId())
                .isEqualTo(request.toolCall().toolCallId());
        assertThat(server.requests("POST", "/v1/agents/").getLast().json().at("/messages/0/approvals/0/reason").asText())
                .isEqualTo("go ahead");
        List<LettaMessage> history = client.history(steward.id(), HistoryQuery.latest(10));
        assertThat(history).anyMatch(m -> m instanceof LettaMessage.ApprovalResponse r && r.approvals().getFirst().approve());
    }

    @Test
    void aPasswordProtectedServerSaysWhatIsMissing() {
        server.requirePassword("s3cret");

        assertThat(client.health().status()).as("health is exempt").isEqualTo("ok");
        assertThatThrownBy(() -> client.agents(5)).isInstanceOf(ChatException.class)
                .hasMessage("Letta at " + server.url() + " refused the request (401 Unauthorized): it needs a token "
                        + "(LETTA_API_KEY or the OS keyring)")
                .extracting(e -> ((ChatException) e).kind()).isEqualTo(ChatException.Kind.UNAUTHORIZED);
        LettaClient wrong = new LettaClient(LettaEndpoint.of(server.url()), () -> java.util.Optional.of("guess"));
        assertThatThrownBy(() -> wrong.agents(5)).hasMessageEndingWith("the token is wrong");
        LettaClient right = new LettaClient(LettaEndpoint.of(server.url()), () -> java.util.Optional.of("s3cret"));
        assertThat(right.agents(5)).hasSize(1);
    }

    @Test
    void theLegacyClientGateRejectsStreamingWithoutTheSdkHeader() throws Exception {
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"streaming\":true}";
        try (Response response = new OkHttpClient().newCall(new Request.Builder()
                .url(server.url() + "/v1/agents/" + steward.id() + "/messages")
                .post(RequestBody.create(body, MediaType.get("application/json"))).build()).execute()) {
            assertThat(response.code()).isEqualTo(422);
            assertThat(response.body().string()).contains("streaming=true is only supported for SDK v1.0+ clients.");
        }
        try (Response response = new OkHttpClient().newCall(new Request.Builder()
                .url(server.url() + "/v1/agents/" + steward.id() + "?include=agent.blocks").build()).execute()) {
            assertThat(response.body().string()).as("legacy clients get every relationship").contains("\"label\":\"persona\"");
        }
    }

    @Test
    void whenAProxyStripsTheSdkHeaderTheClientStreamsThroughTheOldRoute() throws Exception {
        server.failNext("POST", "/v1/agents/" + steward.id() + "/messages", 422,
                "{\"detail\":\"streaming=true is only supported for SDK v1.0+ clients.\"}");

        Recording recording = stream(false, "hello");

        assertThat(recording.end.succeeded()).isTrue();
        assertThat(recording.assembler.turn().replyText()).isEqualTo("You said: hello");
        List<FakeLettaServer.Recorded> posts = server.requests("POST", "/v1/agents/");
        assertThat(posts.getLast().path()).endsWith("/messages/stream");
        assertThat(posts.getLast().json().has("streaming")).isFalse();
    }

    @Test
    void coreMemoryBlocksAreListedReadAndUpdated() {
        assertThat(client.blocks(steward.id())).extracting(MemoryBlock::label, MemoryBlock::limit)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("persona", 20_000), org.assertj.core.groups.Tuple.tuple("human", 20_000));

        MemoryBlock updated = client.updateBlock(steward.id(), "human", "Name: Dana. Likes tables.");

        assertThat(updated.value()).isEqualTo("Name: Dana. Likes tables.");
        assertThat(client.block(steward.id(), "human").chars()).isEqualTo(25);
        assertThat(steward.blockValue("human")).isEqualTo("Name: Dana. Likes tables.");
        assertThatThrownBy(() -> client.block(steward.id(), "calendar"))
                .hasMessageStartingWith("No block with label 'calendar' found for agent '" + steward.id() + "'");
    }

    @Test
    void archivalMemoryListsSearchesInsertsAndDeletes() {
        steward.passage("Dana's dentist is Dr. Ruiz", "health").passage("The 4090 runs ComfyUI", "gpu");

        List<Passage> inserted = client.insertPassage(steward.id(), "Backups run Sunday 03:00", List.of("maintenance"));
        assertThat(inserted).hasSize(1);
        assertThat(inserted.getFirst().id()).startsWith("passage-");
        assertThat(client.passages(steward.id(), 10)).extracting(Passage::text).containsExactly("Dana's dentist is Dr. Ruiz",
                "The 4090 runs ComfyUI", "Backups run Sunday 03:00");

        List<Passage> hits = client.searchPassages(steward.id(), "dentist", 5);
        assertThat(hits).extracting(Passage::text).containsExactly("Dana's dentist is Dr. Ruiz");
        assertThat(hits.getFirst().tags()).containsExactly("health");
        assertThat(hits.getFirst().createdAt()).isNotNull();

        client.deletePassage(steward.id(), inserted.getFirst().id());
        assertThat(client.passages(steward.id(), 10)).hasSize(2);
        assertThatThrownBy(() -> client.deletePassage(steward.id(), inserted.getFirst().id())).isInstanceOf(ChatException.class);
    }

    @Test
    void replyIsTheOneCallForJobs() {
        steward.script(turn().reasoning("Summarise the night.").callsTool("cluster_status", "{}", "all green")
                .says("Good morning! All nodes ran fine overnight.").inChunksOf(2));

        Turn turn = client.reply("hydra-steward", "Morning briefing, please.");

        assertThat(turn.replyText()).isEqualTo("Good morning! All nodes ran fine overnight.");
        assertThat(turn.stopReason().reason()).isEqualTo("end_turn");
    }

    @Test
    void replyFailsWithTheAgentsError() {
        steward.script(turn().failsMidStream("llm_rate_limit", "Rate limited by the provider"));

        assertThatThrownBy(() -> client.reply("hydra-steward", "hi"))
                .hasMessage("Agent 'hydra-steward' did not finish its reply: Rate limited by the provider");
    }

    @Test
    void aServerWithoutTheInitialPingStillGivesTheRunIdForStop() throws Exception {
        try (FakeLettaServer old = FakeLettaServer.start(FakeLettaServer.Profile.V0_15_1)) {
            FakeLettaAgent agent = old.addAgent("hydra-steward", "openai/gpt-4.1-mini");
            agent.script(turn().says("Working on it").runsUntilCancelled());
            LettaClient oldClient = new LettaClient(LettaEndpoint.of(old.url()), TokenSource.NONE);
            Recording recording = new Recording();
            ActiveStream stream = oldClient.stream(agent.id(), Outgoing.text("go"), false, recording);
            org.awaitility.Awaitility.await().until(() -> stream.runId().isPresent());

            assertThat(recording.events.getFirst()).as("0.15: no initial ping").isInstanceOf(LettaMessage.Assistant.class);
            oldClient.cancel(agent.id(), List.of(stream.runId().orElseThrow()));
            assertThat(stream.awaitEnd(Duration.ofSeconds(10)).orElseThrow().stopReason().cancelled()).isTrue();
            assertThat(oldClient.health().version()).isEqualTo("0.15.1");
        }
    }

    @Test
    void anUnreachableServerIsSaidPlainly() {
        LettaClient nowhere = new LettaClient(LettaEndpoint.of("http://127.0.0.1:9"), TokenSource.NONE);

        assertThatThrownBy(nowhere::health).isInstanceOf(ChatException.class)
                .hasMessageStartingWith("Cannot reach Letta at http://127.0.0.1:9: ")
                .extracting(e -> ((ChatException) e).kind()).isEqualTo(ChatException.Kind.UNREACHABLE);
    }

    private Recording stream(boolean tokens, String text) throws InterruptedException {
        Recording recording = new Recording();
        client.stream(steward.id(), Outgoing.text(text), tokens, recording).awaitEnd(Duration.ofSeconds(20)).orElseThrow();
        return recording;
    }

    /** Collects a stream's events, joined and raw. */
    static final class Recording implements StreamListener {
        final List<StreamEvent> events = new CopyOnWriteArrayList<>();
        final TurnAssembler assembler = new TurnAssembler();
        volatile StreamEnd end;

        @Override
        public synchronized void onEvent(StreamEvent event) {
            events.add(event);
            assembler.accept(event);
        }

        @Override
        public void onEnd(StreamEnd streamEnd) {
            end = streamEnd;
        }
    }
}
