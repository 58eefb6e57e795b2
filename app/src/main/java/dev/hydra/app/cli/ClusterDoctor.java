package dev.hydra.app.cli;

import dev.hydra.app.AppComposition;
import dev.hydra.services.cluster.SourceStatus;
import dev.hydra.services.config.NodeConfig;
import dev.hydra.services.containers.ContainerReport;
import dev.hydra.services.diagnostics.Finding;
import dev.hydra.services.health.ServiceHealth;
import dev.hydra.services.transport.ssh.AgentStatus;
import dev.hydra.services.transport.ssh.HostKeyException;
import dev.hydra.services.transport.ssh.SshConnection;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * hydra doctor's checks of what hydra.yaml says about the cluster: Prometheus, Alertmanager, the ssh-agent (when a node
 * uses SSH), nodes, services.
 */
final class ClusterDoctor {

    private static final Duration AGENT_TIMEOUT = Duration.ofSeconds(5);

    private final AppComposition app;

    ClusterDoctor(AppComposition app) {
        this.app = app;
    }

    List<Finding> run() {
        List<Finding> findings = new ArrayList<>();
        if (app.config().prometheus() != null) {
            try {
                findings.add(Finding.ok("prometheus", app.config().prometheus().url() + " answers (Prometheus "
                        + app.cluster().prometheus().client().version() + ")"));
            } catch (IOException e) {
                findings.add(Finding.problem("prometheus", e.getMessage(), "check prometheus.url in hydra.yaml and that "
                        + "Prometheus runs; nodes with ssh fall back to /proc meanwhile"));
            }
        }
        if (app.config().alertmanager() != null) {
            SourceStatus status = app.cluster().alerts().read().status();
            findings.add(status.state() == SourceStatus.State.OK
                    ? Finding.ok("alerts", app.config().alertmanager().url() + " answers (API v2)")
                    : Finding.problem("alerts", status.message(), "check alertmanager.url in hydra.yaml"));
        }
        if (app.cluster().usesSsh()) {
            findings.add(sshAgent());
        }
        for (NodeConfig node : app.cluster().nodes()) {
            app.cluster().ssh(node.name()).ifPresent(ssh -> findings.add(ssh(node, ssh)));
            app.cluster().containers(node.name()).ifPresent(docker -> {
                ContainerReport report = docker.read();
                findings.add(report.status().state() == SourceStatus.State.OK
                        ? Finding.ok("docker", node.name() + ": " + report.containers().size() + " containers")
                        : Finding.problem("docker", node.name() + ": " + report.status().message(), "check docker: in "
                                + "hydra.yaml; for a Unix socket the user needs to be in the docker group"));
            });
        }
        if (!app.cluster().healthChecker().isEmpty()) {
            for (ServiceHealth service : app.cluster().healthChecker().checkAll()) {
                findings.add(service.healthy()
                        ? Finding.ok("services", service.name() + " answers in " + service.latencyMs() + " ms")
                        : new Finding(Finding.Severity.WARNING, "services", service.name() + " (" + service.url()
                                + ") " + service.problem(), "check that the service runs, or its url in hydra.yaml"));
            }
        }
        return findings;
    }

    /** The agent every SSH node may log in with after its key files. A missing or stale agent is not a problem. */
    private Finding sshAgent() {
        AgentStatus agent;
        try {
            agent = app.cluster().sshAgent().status(AGENT_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Finding.problem("ssh-agent", "interrupted", null);
        }
        return switch (agent.availability()) {
            case NOT_SET -> Finding.info("ssh-agent", agent.describe() + ": SSH logs in with key files only");
            case NOT_ANSWERING -> new Finding(Finding.Severity.WARNING, "ssh-agent", agent.describe()
                    + "; SSH logs in with key files only", "start the agent again (eval $(ssh-agent); ssh-add) in the "
                    + "shell that starts hydra, or unset SSH_AUTH_SOCK");
            case PRESENT -> agent.keyCount() == 0
                    ? Finding.info("ssh-agent", agent.describe() + "; add one with ssh-add if a node needs it")
                    : Finding.ok("ssh-agent", agent.describe() + ", offered to every node after its key files");
        };
    }

    private static Finding ssh(NodeConfig node, SshConnection ssh) {
        try {
            ssh.exec("true", node.timeout());
            return Finding.ok("ssh", node.name() + ": logged in as " + ssh.target().describe());
        } catch (HostKeyException e) {
            return e.kind() == HostKeyException.Kind.UNKNOWN
                    ? Finding.problem("ssh", node.name() + " presents an unknown host key " + e.key().fingerprint(),
                            "check it on the node (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub), then run: "
                                    + "hydra trust-host " + node.name())
                    : Finding.problem("ssh", e.getMessage(), "find out why the key changed before trusting it again");
        } catch (IOException e) {
            return Finding.problem("ssh", node.name() + ": " + e.getMessage(), "check the node's host, ssh.port and "
                    + "ssh.identityFile in hydra.yaml, or the keys in your ssh-agent (ssh-add -l)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Finding.problem("ssh", node.name() + ": interrupted", null);
        }
    }
}
