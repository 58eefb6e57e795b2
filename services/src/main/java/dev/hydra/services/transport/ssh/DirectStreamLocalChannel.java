package dev.hydra.services.transport.ssh;

import net.schmizz.sshj.common.SSHPacket;
import net.schmizz.sshj.connection.Connection;
import net.schmizz.sshj.connection.channel.direct.AbstractDirectChannel;

/**
 * OpenSSH's "direct-streamlocal@openssh.com" channel: a connection to a Unix socket on the server (what
 * {@code ssh -L local:/remote.sock} uses). sshj has TCP forwarding only, so this adds the socket variant
 * (OpenSSH PROTOCOL §2.4: socket path, then a reserved string and uint32).
 */
final class DirectStreamLocalChannel extends AbstractDirectChannel {

    private final String socketPath;

    DirectStreamLocalChannel(Connection connection, String socketPath) {
        super(connection, "direct-streamlocal@openssh.com");
        this.socketPath = socketPath;
    }

    @Override
    protected SSHPacket buildOpenReq() {
        return super.buildOpenReq().putString(socketPath).putString("").putUInt32(0);
    }
}
