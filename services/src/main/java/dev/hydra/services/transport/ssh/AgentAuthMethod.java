package dev.hydra.services.transport.ssh;

import com.hierynomus.sshj.key.KeyAlgorithm;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.common.Message;
import net.schmizz.sshj.common.SSHPacket;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.method.AbstractAuthMethod;

/**
 * sshj's "publickey" login (RFC 4252 §7) with one key held by the ssh-agent: the key is offered first, and only when
 * the server accepts it (PK_OK) does the agent sign the session. An agent that refuses or does not answer in time
 * fails this key alone; sshj then goes on with the next method on the same connection.
 */
final class AgentAuthMethod extends AbstractAuthMethod {

    private static final String CERTIFICATE_SUFFIX = "-cert-v01@openssh.com";

    private final SshAgent.AgentKey key;
    private final Duration timeout;

    AgentAuthMethod(SshAgent.AgentKey key, Duration timeout) {
        super("publickey");
        this.key = key;
        this.timeout = timeout;
    }

    @Override
    protected SSHPacket buildReq() throws UserAuthException {
        return request(false);
    }

    @Override
    public void handle(Message cmd, SSHPacket buf) throws UserAuthException, TransportException {
        if (cmd != Message.USERAUTH_60) {
            super.handle(cmd, buf);
            return;
        }
        SSHPacket signed = request(true);
        byte[] data = new Buffer.PlainBuffer().putString(params.getTransport().getSessionID()).putBuffer(signed)
                .getCompactData();
        try {
            signed.putString(key.sign(data, signatureAlgorithm(), timeout));
        } catch (IOException e) {
            throw new UserAuthException("the ssh-agent did not sign: " + e.getMessage(), e);
        }
        params.getTransport().write(signed);
    }

    private SSHPacket request(boolean signed) throws UserAuthException {
        SSHPacket packet = super.buildReq();
        packet.putBoolean(signed).putString(publicKeyAlgorithm()).putString(key.blob());
        return packet;
    }

    /**
     * The key's type, except for RSA: "ssh-rsa" means SHA-1 signatures, which OpenSSH refuses since 8.8, so the
     * server's preferred rsa-sha2-512/256 (from its server-sig-algs) is named instead.
     */
    private String publicKeyAlgorithm() throws UserAuthException {
        KeyType type = KeyType.fromString(key.type());
        if (type != KeyType.RSA && type != KeyType.RSA_CERT) {
            return key.type();
        }
        try {
            List<KeyAlgorithm> algorithms = params.getTransport().getClientKeyAlgorithms(type);
            return algorithms.isEmpty() ? key.type() : algorithms.getFirst().getKeyAlgorithm();
        } catch (TransportException e) {
            throw new UserAuthException("no signature algorithm for the agent's RSA key", e);
        }
    }

    /** The agent is asked for a signature by its plain name (rsa-sha2-512), also for a certificate. */
    private String signatureAlgorithm() throws UserAuthException {
        String algorithm = publicKeyAlgorithm();
        return algorithm.endsWith(CERTIFICATE_SUFFIX)
                ? algorithm.substring(0, algorithm.length() - CERTIFICATE_SUFFIX.length())
                : algorithm;
    }

    @Override
    public String toString() {
        return "ssh-agent " + key.type() + " key";
    }
}
