package dev.hydra.services.transport.ssh;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.method.AuthMethod;
import net.schmizz.sshj.userauth.method.AuthPublickey;

/**
 * The keys offered to one node, in order: the key files first (the ones hydra.yaml names, or ~/.ssh's defaults),
 * then the ssh-agent's keys that are not one of those files. A key file that cannot be used (missing, unreadable,
 * encrypted) does not stop the others; {@link #describe()} says what was offered and what was not, for the error
 * the user sees when no key gets in. Nothing secret is ever part of it: paths, key counts and the agent's socket.
 */
final class LoginMethods {

    private final List<AuthMethod> methods = new ArrayList<>();
    private final List<String> keyFiles = new ArrayList<>();
    private final AgentStatus agent;
    private int agentKeysOffered;
    private int agentKeysAlsoFiles;

    private LoginMethods(AgentStatus agent) {
        this.agent = agent;
    }

    static LoginMethods prepare(SSHClient ssh, SshTarget target, SshAgent agent) throws InterruptedIOException {
        List<byte[]> fileKeys = new ArrayList<>();
        List<AuthMethod> fileMethods = new ArrayList<>();
        List<String> fileNotes = new ArrayList<>();
        for (Path file : target.identityFiles()) {
            if (!Files.isReadable(file)) {
                fileNotes.add(file + (Files.exists(file) ? " (cannot be read)" : " (does not exist)"));
                continue;
            }
            try {
                KeyProvider provider = ssh.loadKeys(file.toString());
                provider.getPrivate();
                fileKeys.add(new Buffer.PlainBuffer().putPublicKey(provider.getPublic()).getCompactData());
                fileMethods.add(new AuthPublickey(provider));
                fileNotes.add(file.toString());
            } catch (IOException | RuntimeException e) {
                String reason = String.valueOf(e.getMessage()).replaceFirst("\\.$", "");
                fileNotes.add(file + " (cannot be used: " + reason + "; an encrypted key can be used through "
                        + "ssh-agent: ssh-add " + file + ")");
            }
        }
        SshAgent.Listing listing = agent.keys(target.timeout());
        LoginMethods login = new LoginMethods(listing.status());
        login.methods.addAll(fileMethods);
        login.keyFiles.addAll(fileNotes);
        for (SshAgent.AgentKey key : listing.keys()) {
            if (fileKeys.stream().anyMatch(fileKey -> Arrays.equals(fileKey, key.blob()))) {
                login.agentKeysAlsoFiles++;
            } else {
                login.methods.add(new AgentAuthMethod(key, target.timeout()));
                login.agentKeysOffered++;
            }
        }
        return login;
    }

    List<AuthMethod> methods() {
        return List.copyOf(methods);
    }

    boolean isEmpty() {
        return methods.isEmpty();
    }

    /** "key files: /a, /b (does not exist); the ssh-agent at /run/agent.sock: 2 keys" — what was or would be tried. */
    String describe() {
        String files = keyFiles.isEmpty()
                ? "key files: none (ssh.identityFile is not set and ~/.ssh has no id_ed25519, id_ecdsa or id_rsa)"
                : "key files: " + String.join(", ", keyFiles);
        return files + "; " + describeAgent();
    }

    private String describeAgent() {
        if (agent.availability() != AgentStatus.Availability.PRESENT) {
            return agent.describe();
        }
        if (agent.keyCount() == 0) {
            return "the ssh-agent at " + agent.socket() + " holds no keys";
        }
        if (agentKeysOffered == 0) {
            return "the ssh-agent at " + agent.socket() + " holds only keys already offered as key files";
        }
        String offered = "the ssh-agent at " + agent.socket() + ": " + agentKeysOffered
                + (agentKeysOffered == 1 ? " key" : " keys");
        return agentKeysAlsoFiles == 0 ? offered
                : offered + " (" + agentKeysAlsoFiles + " more already offered as a key file)";
    }
}
