package dev.hydra.app.cli;

import dev.hydra.app.AppComposition;
import dev.hydra.services.chat.ActiveStream;
import dev.hydra.services.chat.Agent;
import dev.hydra.services.chat.ChatException;
import dev.hydra.services.chat.LettaClient;
import dev.hydra.services.chat.LettaMessage;
import dev.hydra.services.chat.Outgoing;
import dev.hydra.services.chat.StreamEnd;
import dev.hydra.services.chat.StreamEvent;
import dev.hydra.services.chat.StreamListener;
import dev.hydra.services.chat.TurnAssembler;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hydra chat [--agent NAME] [--url URL] [--verbose] MESSAGE}: one turn, the reply streamed to stdout. */
@Command(name = "chat", mixinStandardHelpOptions = true,
        description = {"Send one message to a Letta agent and stream its reply to stdout.",
            "The URL comes from letta.url in hydra.yaml unless given; the token from LETTA_API_KEY or the OS keyring."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the reply arrived", "1:the server or the agent reported an error (its message is on stderr)",
            "2:bad usage", "3:no Letta server configured, not reachable, or the token was refused",
            "4:the agent waits for a tool approval (answer it in the Chat view)"})
final class ChatCommand implements Callable<Integer> {

    static final int AGENT_ERROR = 1;
    static final int NOT_CONNECTED = 3;
    static final int WAITS_FOR_APPROVAL = 4;

    @Spec
    private CommandSpec spec;

    @Option(names = "--agent", paramLabel = "NAME", description = "The agent's name or id (default: letta.agent, or the "
            + "only agent there is).")
    private String agent;

    @Option(names = "--url", paramLabel = "URL", description = "The Letta server, e.g. http://hydra-storage:8283 "
            + "(default: letta.url).")
    private String url;

    @Option(names = "--verbose", description = "Also show the agent's reasoning and tool calls, on stderr.")
    private boolean verbose;

    @Parameters(arity = "1..*", paramLabel = "MESSAGE", description = "What to say (several words are joined).")
    private List<String> words;

    private final AppComposition app;

    ChatCommand(AppComposition app) {
        this.app = app;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LettaClient client;
        try {
            client = app.lettaClient(url);
        } catch (IllegalArgumentException e) {
            err.println("hydra chat: " + e.getMessage());
            return NOT_CONNECTED;
        }
        if (client == null) {
            err.println("hydra chat: no Letta server is configured. Add to " + app.paths().configFile() + ":");
            err.println("  letta:");
            err.println("    url: http://hydra-storage:8283");
            err.println("or pass --url.");
            return NOT_CONNECTED;
        }
        try {
            Agent target = resolve(client);
            TurnPrinter printer = new TurnPrinter(out, err, verbose);
            ActiveStream stream = client.stream(target.id(), Outgoing.text(String.join(" ", words)), true, printer);
            StreamEnd end = stream.awaitEnd(Duration.ofDays(1)).orElseThrow();
            printer.finish();
            return exitCode(end, printer, err);
        } catch (ChatException e) {
            err.println("hydra chat: " + e.getMessage());
            return switch (e.kind()) {
                case NOT_CONFIGURED, UNREACHABLE, UNAUTHORIZED -> NOT_CONNECTED;
                default -> AGENT_ERROR;
            };
        }
    }

    private Agent resolve(LettaClient client) {
        String wanted = agent != null ? agent : app.config().letta() == null ? null : app.config().letta().agent();
        if (wanted != null) {
            return client.findAgent(wanted);
        }
        List<Agent> agents = client.agents(50);
        if (agents.size() == 1) {
            return agents.getFirst();
        }
        throw new ChatException(ChatException.Kind.REJECTED, 0, agents.isEmpty()
                ? "the server has no agents; create one in the Letta ADE"
                : "say which agent with --agent NAME (or letta.agent in hydra.yaml); agents there: "
                        + String.join(", ", agents.stream().map(Agent::name).toList()));
    }

    private static int exitCode(StreamEnd end, TurnPrinter printer, PrintWriter err) {
        if (end.failure() != null) {
            err.println("hydra chat: " + end.failure().getMessage());
            return end.failure().kind() == ChatException.Kind.UNREACHABLE
                    || end.failure().kind() == ChatException.Kind.UNAUTHORIZED ? NOT_CONNECTED : AGENT_ERROR;
        }
        if (end.complete() && end.stopReason().requiresApproval()) {
            printer.approvals().forEach(request -> err.println("hydra chat: the agent waits for approval to call "
                    + request.toolCall().name() + "(" + request.toolCall().arguments() + "); approve or deny it in "
                    + "the Chat view"));
            return WAITS_FOR_APPROVAL;
        }
        String problem = end.problem();
        if (problem != null) {
            err.println("hydra chat: " + problem + (end.complete() ? "" : " (the reply above is incomplete)"));
            return AGENT_ERROR;
        }
        return 0;
    }

    /** Prints assistant text as it streams; with --verbose, reasoning and tool calls go to stderr. */
    private static final class TurnPrinter implements StreamListener {

        private final PrintWriter out;
        private final PrintWriter err;
        private final boolean verbose;
        private final TurnAssembler turn = new TurnAssembler();
        private String lastPart;
        private boolean wroteText;

        TurnPrinter(PrintWriter out, PrintWriter err, boolean verbose) {
            this.out = out;
            this.err = err;
            this.verbose = verbose;
        }

        @Override
        public synchronized void onEvent(StreamEvent event) {
            turn.accept(event);
            if (!(event instanceof LettaMessage message)) {
                return;
            }
            String part = message.meta().partKey(message.type());
            boolean starts = !part.equals(lastPart);
            lastPart = part;
            switch (message) {
                case LettaMessage.Assistant text -> {
                    if (starts && wroteText) {
                        out.print("\n\n");
                    }
                    out.print(text.content());
                    out.flush();
                    wroteText = true;
                }
                case LettaMessage.Reasoning reasoning when verbose -> {
                    err.print((starts ? "\n[reasoning] " : "") + reasoning.reasoning());
                    err.flush();
                }
                case LettaMessage.ToolReturn result when verbose -> {
                    LettaMessage.ToolCall call = turn.messages().stream()
                            .filter(LettaMessage.ToolCallRequest.class::isInstance)
                            .map(m -> ((LettaMessage.ToolCallRequest) m).toolCall())
                            .filter(c -> result.toolCallId() != null && result.toolCallId().equals(c.toolCallId()))
                            .findFirst().orElse(new LettaMessage.ToolCall("tool", "", result.toolCallId()));
                    err.println("\n[tool] " + call.name() + "(" + call.arguments() + ") "
                            + (result.failed() ? "failed: " : "→ ") + result.toolReturn());
                    err.flush();
                }
                default -> {
                }
            }
        }

        @Override
        public void onEnd(StreamEnd end) {
        }

        synchronized List<LettaMessage.ApprovalRequest> approvals() {
            return turn.turn().pendingApprovals();
        }

        synchronized void finish() {
            if (wroteText) {
                out.println();
                out.flush();
            }
            if (verbose) {
                err.flush();
            }
        }
    }
}
