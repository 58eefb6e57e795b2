package dev.hydra.bench;

import dev.hydra.services.chat.ActiveStream;
import dev.hydra.services.chat.Agent;
import dev.hydra.services.chat.ChatClient;
import dev.hydra.services.chat.HistoryQuery;
import dev.hydra.services.chat.LettaClient;
import dev.hydra.services.chat.LettaEndpoint;
import dev.hydra.services.chat.LettaMessage;
import dev.hydra.services.chat.MemoryBlock;
import dev.hydra.services.chat.Outgoing;
import dev.hydra.services.chat.Passage;
import dev.hydra.services.chat.Run;
import dev.hydra.services.chat.ServerHealth;
import dev.hydra.services.chat.StreamEnd;
import dev.hydra.services.chat.StreamEvent;
import dev.hydra.services.chat.StreamListener;
import dev.hydra.services.chat.TokenSource;
import dev.hydra.services.chat.Turn;
import dev.hydra.services.testing.FakeLettaAgent;
import dev.hydra.services.testing.FakeLettaServer;
import dev.hydra.services.testing.ScriptedTurn;
import dev.hydra.ui.chat.ChatSetup;
import dev.hydra.ui.chat.ChatView;
import dev.hydra.ui.chat.ChatViewModel;
import dev.hydra.ui.common.FxUiExecutor;
import dev.hydra.ui.common.UiExecutor;
import dev.hydra.ui.theme.ThemeMode;
import dev.hydra.ui.theme.ThemeService;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.stage.Stage;
import org.apache.commons.statistics.descriptive.Quantile;

/**
 * The Chat view under load, on JavaFX's headless platform with the software pipeline: a 20,000-token reply
 * streamed at 500 tokens/s from the fake Letta server, then scrolling through a 2,000-message history.
 * Frame time = the FX thread's work per frame: the hops to the UI thread since the last frame, plus the pulse from
 * its first animation timer (scrolling happens there) to the end of CSS and layout. Arrival to display = from a
 * token reaching the client to the end of the layout that shows it.
 */
final class ChatBenchmark implements Callable<String> {

    private static final int TOKENS = 20_000;
    private static final int TOKEN_CHARS = 5;
    private static final Duration TOKEN_PACE = Duration.ofMillis(2);
    private static final int HISTORY_EXCHANGES = 1_000;
    private static final int SCROLL_FRAMES = 1_200;
    private static final int WARMUP_TOKENS = 3_000;
    private static final UiExecutor FX = new FxUiExecutor();

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
    private final List<Double> frames = new ArrayList<>();
    private final List<Double> cpuFrames = new ArrayList<>();
    private final AtomicLong uiCpuNanos = new AtomicLong();
    private long pulseCpuStart;
    private final List<Double> intervals = new ArrayList<>();
    private final List<Double> displayLatencies = new ArrayList<>();
    private final ConcurrentLinkedQueue<Long> arrivals = new ConcurrentLinkedQueue<>();
    private final AtomicLong uiWorkNanos = new AtomicLong();
    private volatile long watermark;
    private long pulseStart;
    private long lastPulseStart;
    private volatile boolean recording;
    private final List<String> slow = new ArrayList<>();
    private volatile int firstShown;
    private final long benchStart = System.nanoTime();

    @Override
    public String call() throws Exception {
        System.setProperty("glass.platform", "Headless");
        System.setProperty("prism.order", "sw");
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();

        try (FakeLettaServer server = FakeLettaServer.start()) {
            FakeLettaAgent agent = server.addAgent("hydra-steward", "anthropic/claude-sonnet-4", "cluster");
            Random random = new Random(7);
            for (int i = 0; i < HISTORY_EXCHANGES; i++) {
                agent.pastExchange("Question " + i + ": " + words(random, 8 + random.nextInt(20)),
                        markdown(random, 1 + random.nextInt(3)));
            }
            String reply = reply(random);
            // Warm-up: a short reply first, so the measured one does not time the JIT and first-use class loading.
            agent.script(ScriptedTurn.turn().reasoning("Warm up.").says(reply.substring(0, WARMUP_TOKENS * TOKEN_CHARS))
                    .inChunksOf(TOKEN_CHARS).pacedAt(TOKEN_PACE));
            agent.script(ScriptedTurn.turn().reasoning("Write the long report.").says(reply).inChunksOf(TOKEN_CHARS)
                    .pacedAt(TOKEN_PACE));
            ChatClient client = new ArrivalTimes(new LettaClient(LettaEndpoint.of(server.url()), TokenSource.NONE));
            UiExecutor ui = new TimedUi(FX);
            ChatViewModel vm = new ChatViewModel(new ChatSetup(server.url(), "hydra-steward", client, null), ui,
                    Executors.newVirtualThreadPerTaskExecutor(), Clock.systemUTC());
            SimpleObjectProperty<ListView<?>> list = new SimpleObjectProperty<>();
            onFx(() -> {
                ChatView view = new ChatView(vm);
                Scene scene = new Scene(view, 1280, 820);
                new ThemeService(new SimpleObjectProperty<>(ThemeMode.LIGHT)).style(scene);
                scene.addPostLayoutPulseListener(this::pulseEnds);
                Stage stage = new Stage();
                stage.setScene(scene);
                stage.show();
                list.set((ListView<?>) scene.lookup(".hl-conversation"));
                new AnimationTimer() {
                    @Override
                    public void handle(long now) {
                        // The first thing in every pulse (started first); it also keeps a pulse every frame.
                        pulseStarts();
                    }
                }.start();
            });
            await(() -> fx(() -> vm.stateProperty().get() == ChatViewModel.State.READY && !vm.entries().isEmpty()));

            System.out.printf(Locale.ROOT, "chat: warming up with a %,d-token reply…%n", WARMUP_TOKENS);
            onFx(() -> {
                vm.draftProperty().set("Warm up.");
                vm.send();
            });
            await(() -> fx(() -> !vm.busyProperty().get()));
            arrivals.clear();
            System.out.printf(Locale.ROOT, "chat: streaming a %,d-token reply at %d tokens/s…%n", TOKENS,
                    1000 / TOKEN_PACE.toMillis());
            recording = true;
            long streamStart = System.nanoTime();
            onFx(() -> {
                vm.draftProperty().set("Write the nightly report.");
                vm.send();
            });
            await(() -> fx(() -> !vm.busyProperty().get()));
            double streamSeconds = (System.nanoTime() - streamStart) / 1e9;
            System.out.printf(Locale.ROOT, "  (stream from %.1f s to %.1f s)%n", (streamStart - benchStart) / 1e9,
                    (System.nanoTime() - benchStart) / 1e9);
            recording = false;
            double[] streamFrames = fx(() -> take(frames));
            double[] streamCpu = fx(() -> take(cpuFrames));
            double[] streamIntervals = fx(() -> take(intervals));
            double[] latencies = fx(() -> take(displayLatencies));

            System.out.printf(Locale.ROOT, "chat: loading all %,d history messages, then scrolling %d frames…%n",
                    HISTORY_EXCHANGES * 2, SCROLL_FRAMES);
            while (fx(() -> vm.hasOlderProperty().get())) {
                onFx(vm::loadOlder);
                await(() -> fx(() -> !vm.loadingOlderProperty().get()));
            }
            int rows = fx(() -> vm.entries().size());
            onFx(() -> list.get().scrollTo(rows - 1));
            await(() -> fx(() -> list.get().lookup(".virtual-flow") instanceof VirtualFlow<?> flow
                    && flow.getLastVisibleCell() != null && flow.getLastVisibleCell().getIndex() == rows - 1));
            recording = true;
            CountDownLatch scrolled = new CountDownLatch(1);
            onFx(() -> new AnimationTimer() {
                private int frame;

                @Override
                public void handle(long now) {
                    if (list.get().lookup(".virtual-flow") instanceof VirtualFlow<?> flow) {
                        flow.scrollPixels(-90); // upwards from the newest message, as a person reads back
                        firstShown = flow.getFirstVisibleCell() == null ? -1 : flow.getFirstVisibleCell().getIndex();
                    }
                    if (++frame >= SCROLL_FRAMES) {
                        stop();
                        scrolled.countDown();
                    }
                }
            }.start());
            scrolled.await(5, TimeUnit.MINUTES);
            recording = false;
            double[] scrollFrames = fx(() -> take(frames));
            double[] scrollCpu = fx(() -> take(cpuFrames));
            double[] scrollIntervals = fx(() -> take(intervals));

            Quantile quantile = Quantile.withDefaults();
            double[] stream = quantile.evaluate(streamFrames, 0.5, 0.99);
            double[] scroll = quantile.evaluate(scrollFrames, 0.5, 0.99);
            double[] streamCpuQ = quantile.evaluate(streamCpu, 0.5, 0.99);
            double[] scrollCpuQ = quantile.evaluate(scrollCpu, 0.5, 0.99);
            double[] latency = quantile.evaluate(latencies, 0.5, 0.99);
            double[] streamGap = quantile.evaluate(streamIntervals, 0.5, 0.99);
            double[] scrollGap = quantile.evaluate(scrollIntervals, 0.5, 0.99);
            System.out.printf(Locale.ROOT, "stream: %.1f s for %,d tokens (%.0f tokens/s), %d frames%n", streamSeconds,
                    latencies.length, latencies.length / streamSeconds, streamFrames.length);
            System.out.printf(Locale.ROOT, "  FX frame time ms: p50 %.2f  p99 %.2f  max %.2f%n", stream[0], stream[1],
                    max(streamFrames));
            System.out.printf(Locale.ROOT, "  FX frame CPU ms: p50 %.2f  p99 %.2f%n", streamCpuQ[0], streamCpuQ[1]);
            System.out.printf(Locale.ROOT, "  frame interval ms: p50 %.2f  p99 %.2f%n", streamGap[0], streamGap[1]);
            System.out.printf(Locale.ROOT, "  token arrival to display ms: p50 %.2f  p99 %.2f  max %.2f%n", latency[0],
                    latency[1], max(latencies));
            System.out.println("  frames over 50 ms: " + fx(() -> String.join(", ", slow)));
            System.out.printf(Locale.ROOT, "scroll: %,d rows, %d frames, from the newest row up to row %d%n", rows,
                    scrollFrames.length, firstShown);
            System.out.printf(Locale.ROOT, "  FX frame time ms: p50 %.2f  p99 %.2f  max %.2f%n", scroll[0], scroll[1],
                    max(scrollFrames));
            System.out.printf(Locale.ROOT, "  FX frame CPU ms: p50 %.2f  p99 %.2f%n", scrollCpuQ[0], scrollCpuQ[1]);
            System.out.printf(Locale.ROOT, "  frame interval ms: p50 %.2f  p99 %.2f%n", scrollGap[0], scrollGap[1]);
            String load = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip();
            System.out.println("machine load average (1, 5, 15 min): " + load.substring(0, load.indexOf(' ', 15)));
            double frameP99 = Math.max(stream[1], scroll[1]);
            return String.format(Locale.ROOT, "frame_p99_ms=%.2f token_display_p99_ms=%.2f stream_frame_p99_ms=%.2f "
                    + "scroll_frame_p99_ms=%.2f frame_cpu_p99_ms=%.2f token_display_p50_ms=%.2f "
                    + "stream_interval_p99_ms=%.2f scroll_interval_p99_ms=%.2f tokens=%d rows=%d", frameP99, latency[1],
                    stream[1], scroll[1], Math.max(streamCpuQ[1], scrollCpuQ[1]), latency[0], streamGap[1],
                    scrollGap[1], latencies.length, rows);
        } finally {
            Platform.exit();
        }
    }

    private void pulseStarts() {
        pulseStart = System.nanoTime();
        pulseCpuStart = THREADS.getCurrentThreadCpuTime();
    }

    /** End of the frame's layout: everything applied before it is on screen with this frame. */
    private void pulseEnds() {
        long end = System.nanoTime();
        long work = uiWorkNanos.getAndSet(0) + (end - pulseStart);
        long cpu = uiCpuNanos.getAndSet(0) + (THREADS.getCurrentThreadCpuTime() - pulseCpuStart);
        if (recording) {
            frames.add(work / 1e6);
            cpuFrames.add(cpu / 1e6);
            if (work > 50_000_000L) {
                slow.add(String.format(Locale.ROOT, "%.0f ms at %.1f s", work / 1e6, (end - benchStart) / 1e9));
            }
            if (lastPulseStart != 0) {
                intervals.add((pulseStart - lastPulseStart) / 1e6);
            }
            long applied = watermark;
            for (Long arrival = arrivals.peek(); arrival != null && arrival <= applied; arrival = arrivals.peek()) {
                arrivals.poll();
                displayLatencies.add((end - arrival) / 1e6);
            }
        }
        lastPulseStart = pulseStart;
    }

    /** Times the work handed to the FX thread; the start of the latest hop marks what has been applied. */
    private final class TimedUi implements UiExecutor {
        private final UiExecutor fx;

        TimedUi(UiExecutor fx) {
            this.fx = fx;
        }

        @Override
        public void execute(Runnable command) {
            fx.execute(() -> {
                long start = System.nanoTime();
                long cpu = THREADS.getCurrentThreadCpuTime();
                watermark = start;
                command.run();
                uiWorkNanos.addAndGet(System.nanoTime() - start);
                uiCpuNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - cpu);
            });
        }
    }

    /** Notes when each assistant fragment reaches the client. */
    private final class ArrivalTimes implements ChatClient {
        private final ChatClient inner;

        ArrivalTimes(ChatClient inner) {
            this.inner = inner;
        }

        @Override
        public ActiveStream stream(String agentId, Outgoing message, boolean tokens, StreamListener listener) {
            return inner.stream(agentId, message, tokens, new StreamListener() {
                @Override
                public void onEvent(StreamEvent event) {
                    if (event instanceof LettaMessage.Assistant) {
                        arrivals.add(System.nanoTime());
                    }
                    listener.onEvent(event);
                }

                @Override
                public void onEnd(StreamEnd end) {
                    listener.onEnd(end);
                }
            });
        }

        @Override public ServerHealth health() { return inner.health(); }
        @Override public List<Agent> agents(int limit) { return inner.agents(limit); }
        @Override public Agent agent(String agentId) { return inner.agent(agentId); }
        @Override public Agent findAgent(String nameOrId) { return inner.findAgent(nameOrId); }
        @Override public List<LettaMessage> history(String agentId, HistoryQuery query) { return inner.history(agentId, query); }
        @Override public Turn send(String agentId, Outgoing message) { return inner.send(agentId, message); }
        @Override public Map<String, String> cancel(String agentId, List<String> runIds) { return inner.cancel(agentId, runIds); }
        @Override public Run run(String runId) { return inner.run(runId); }
        @Override public List<MemoryBlock> blocks(String agentId) { return inner.blocks(agentId); }
        @Override public MemoryBlock block(String agentId, String label) { return inner.block(agentId, label); }
        @Override public MemoryBlock updateBlock(String agentId, String label, String value) { return inner.updateBlock(agentId, label, value); }
        @Override public List<Passage> passages(String agentId, int limit) { return inner.passages(agentId, limit); }
        @Override public List<Passage> searchPassages(String agentId, String query, int topK) { return inner.searchPassages(agentId, query, topK); }
        @Override public List<Passage> insertPassage(String agentId, String text, List<String> tags) { return inner.insertPassage(agentId, text, tags); }
        @Override public void deletePassage(String agentId, String passageId) { inner.deletePassage(agentId, passageId); }
        @Override public Turn reply(String nameOrId, String text) { return inner.reply(nameOrId, text); }
    }

    /** A Markdown report of exactly TOKENS × TOKEN_CHARS characters: paragraphs, lists and code blocks. */
    private static String reply(Random random) {
        StringBuilder text = new StringBuilder();
        int section = 0;
        while (text.length() < TOKENS * TOKEN_CHARS) {
            text.append("## Section ").append(++section).append("\n\n").append(markdown(random, 3)).append("\n\n");
        }
        return text.substring(0, TOKENS * TOKEN_CHARS);
    }

    private static String markdown(Random random, int paragraphs) {
        StringBuilder text = new StringBuilder();
        for (int p = 0; p < paragraphs; p++) {
            if (p > 0) {
                text.append("\n\n");
            }
            switch (random.nextInt(5)) {
                case 0 -> text.append("- ").append(words(random, 8)).append("\n- **").append(words(random, 3))
                        .append("** ").append(words(random, 6)).append("\n- `").append(words(random, 2)).append('`');
                case 1 -> text.append("```\n").append(words(random, 6)).append("\n").append(words(random, 9))
                        .append("\n```");
                default -> text.append(words(random, 40 + random.nextInt(80)));
            }
        }
        return text.toString();
    }

    private static final String[] WORDS = ("the cluster node gpu queue render job agent memory steward nightly report "
            + "container restart power limit vram temperature comfyui letta research image prompt seed sampler "
            + "checkpoint review accepted rejected latency tokens stream").split(" ");

    private static String words(Random random, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return text.toString();
    }

    private static double[] take(List<Double> values) {
        double[] taken = values.stream().mapToDouble(Double::doubleValue).toArray();
        values.clear();
        return taken;
    }

    private static double max(double[] values) {
        double max = 0;
        for (double value : values) {
            max = Math.max(max, value);
        }
        return max;
    }

    private static void onFx(Runnable action) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        FX.execute(() -> {
            try {
                action.run();
            } finally {
                done.countDown();
            }
        });
        done.await();
    }

    private static <T> T fx(Callable<T> read) throws Exception {
        List<T> result = new ArrayList<>(1);
        List<Exception> failure = new ArrayList<>(1);
        onFx(() -> {
            try {
                result.add(read.call());
            } catch (Exception e) {
                failure.add(e);
            }
        });
        if (!failure.isEmpty()) {
            throw failure.getFirst();
        }
        return result.getFirst();
    }

    private static void await(Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the chat benchmark timed out");
            }
            Thread.sleep(20);
        }
    }
}
