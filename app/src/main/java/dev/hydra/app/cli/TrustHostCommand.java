package dev.hydra.app.cli;

import dev.hydra.app.AppComposition;
import dev.hydra.services.actions.ActionResult;
import dev.hydra.services.actions.ClusterAction.TrustHostKey;
import dev.hydra.services.actions.Confirmation;
import dev.hydra.services.config.NodeConfig;
import dev.hydra.services.transport.ssh.HostKeyException;
import dev.hydra.services.transport.ssh.SshConnection;
import dev.hydra.services.transport.ssh.UnverifiedHostKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hydra trust-host NODE}: connects to a node, shows its SSH host key's fingerprint and, once the user confirms
 * it (typing yes, or --fingerprint with the expected value), records it in the app's known_hosts. A changed key is
 * never accepted here.
 */
@Command(name = "trust-host", mixinStandardHelpOptions = true,
        description = "Show a node's SSH host key fingerprint and accept it once (recorded in the app's known_hosts).")
final class TrustHostCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "NODE", description = "A node name from hydra.yaml.")
    private String node;

    @Option(names = "--fingerprint", paramLabel = "SHA256:...",
            description = "Accept without asking if the node presents exactly this fingerprint (for scripts).")
    private String fingerprint;

    private final AppComposition app;

    TrustHostCommand(AppComposition app) {
        this.app = app;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        NodeConfig config = app.cluster().node(node).orElse(null);
        SshConnection ssh = app.cluster().ssh(node).orElse(null);
        if (config == null || ssh == null) {
            err.println("No node " + node + " with an ssh section in " + app.paths().configFile());
            return 2;
        }
        try {
            ssh.exec("true", Duration.ofSeconds(10));
            out.println(node + " (" + config.host() + ":" + config.ssh().port() + ") is already trusted.");
            out.flush();
            return 0;
        } catch (HostKeyException e) {
            if (e.kind() == HostKeyException.Kind.CHANGED) {
                err.println(e.getMessage());
                return 4;
            }
        } catch (IOException e) {
            err.println("Cannot reach " + node + ": " + e.getMessage());
            return 3;
        }
        UnverifiedHostKey key = app.cluster().pendingHostKey(config).orElseThrow();
        out.println("The SSH host key of " + node + " (" + key.host() + ":" + key.port() + ") is not known yet:");
        out.println("  " + key.keyType() + " " + key.fingerprint());
        out.println("Compare it with the node's own: ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub");
        if (fingerprint != null) {
            if (!fingerprint.equals(key.fingerprint())) {
                err.println("The node presents " + key.fingerprint() + ", not " + fingerprint + ": not trusted.");
                return 4;
            }
        } else {
            out.print("Type yes to trust it: ");
            out.flush();
            String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (!"yes".equals(answer == null ? null : answer.strip())) {
                out.println("Not trusted.");
                out.flush();
                return 1;
            }
        }
        ActionResult result = app.actions().perform(new TrustHostKey(node, key.fingerprint()), app.actor(),
                Confirmation.clicked());
        if (!result.ok()) {
            err.println("Not trusted: " + result.message());
            return 1;
        }
        out.println("Trusted: recorded in " + app.cluster().hostKeys().appKnownHosts());
        out.flush();
        return 0;
    }
}
