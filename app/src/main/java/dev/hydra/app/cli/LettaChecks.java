package dev.hydra.app.cli;

import dev.hydra.app.AppComposition;
import dev.hydra.services.chat.Agent;
import dev.hydra.services.chat.ChatException;
import dev.hydra.services.chat.LettaClient;
import dev.hydra.services.chat.ServerHealth;
import dev.hydra.services.config.LettaConfig;
import dev.hydra.services.diagnostics.Finding;
import java.util.ArrayList;
import java.util.List;

/** {@code hydra doctor}'s Letta checks: the server answers, the token is accepted, the default agent exists. */
final class LettaChecks {

    private final AppComposition app;

    LettaChecks(AppComposition app) {
        this.app = app;
    }

    List<Finding> run() {
        LettaConfig letta = app.config().letta();
        if (letta == null) {
            return List.of(Finding.info("letta", "chat is not set up; add letta.url to hydra.yaml (e.g. "
                    + "http://hydra-storage:8283) to talk to a Letta agent"));
        }
        List<Finding> findings = new ArrayList<>();
        LettaClient client = app.lettaClient(null);
        try {
            ServerHealth health = client.health();
            findings.add(Finding.ok("letta", "Letta " + health.version() + " at " + letta.url() + " is " + health.status()));
        } catch (ChatException e) {
            findings.add(Finding.problem("letta", e.getMessage(), "check that the Letta server runs (letta server, or "
                    + "its container, listens on port 8283) and that letta.url in hydra.yaml points at it"));
            return findings;
        }
        String origin = app.lettaToken().origin();
        try {
            List<Agent> agents = client.agents(50);
            findings.add(Finding.ok("letta", "signed in (token: " + origin + "); " + agents.size()
                    + (agents.size() == 1 ? " agent" : " agents")));
        } catch (ChatException e) {
            String keyring = app.lettaToken().keyringProblem();
            findings.add(Finding.problem("letta", e.getMessage(), e.kind() == ChatException.Kind.UNAUTHORIZED
                    ? "set LETTA_API_KEY to the server's password or API key, or enter it in the Chat view (it is "
                            + "kept in the OS keyring)" + (keyring == null ? "" : "; " + keyring)
                    : "see the Letta server's log"));
            return findings;
        }
        if (letta.agent() != null) {
            try {
                Agent agent = client.findAgent(letta.agent());
                findings.add(Finding.ok("letta", "agent " + agent.name() + " (" + agent.model() + ") exists"));
            } catch (ChatException e) {
                findings.add(Finding.problem("letta", e.getMessage(), "fix letta.agent in hydra.yaml, or create the "
                        + "agent in the Letta ADE"));
            }
        }
        return findings;
    }
}
