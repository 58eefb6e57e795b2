package dev.hydra.services.transport.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import net.schmizz.sshj.SSHClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP port on 127.0.0.1 whose connections are carried to a Unix socket on the node through SSH. Only this
 * machine's loopback listens, so nothing is exposed on the network.
 */
public final class SocketForward implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SocketForward.class);

    private final SshConnection connection;
    private final String remoteSocket;
    private final ServerSocket listener;

    private SocketForward(SshConnection connection, String remoteSocket, ServerSocket listener) {
        this.connection = connection;
        this.remoteSocket = remoteSocket;
        this.listener = listener;
    }

    static SocketForward start(SshConnection connection, String remoteSocket) throws IOException {
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        SocketForward forward = new SocketForward(connection, remoteSocket, listener);
        Thread.ofVirtual().name("ssh-forward-" + listener.getLocalPort()).start(forward::acceptLoop);
        return forward;
    }

    /** The local port to connect to, e.g. for docker-java's tcp://127.0.0.1:PORT. */
    public int localPort() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket local = listener.accept();
                Thread.ofVirtual().name("ssh-forward-conn").start(() -> carry(local));
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    LOG.debug("accepting a forwarded connection failed", e);
                }
            }
        }
    }

    private void carry(Socket local) {
        try (local) {
            SSHClient client = connection.connected();
            DirectStreamLocalChannel channel = new DirectStreamLocalChannel(client.getConnection(), remoteSocket);
            client.getConnection().attach(channel);
            channel.open();
            try (channel) {
                Thread upstream = Thread.ofVirtual().start(() -> copy(local, channel.getOutputStream()));
                copy(channel.getInputStream(), local.getOutputStream());
                upstream.join(1000);
            }
        } catch (IOException e) {
            LOG.debug("forwarding to {} on {} failed: {}", remoteSocket, connection.target().describe(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void copy(Socket from, OutputStream to) {
        try {
            copy(from.getInputStream(), to);
            to.close();
        } catch (IOException e) {
            LOG.trace("forward closed", e);
        }
    }

    private static void copy(InputStream from, OutputStream to) throws IOException {
        byte[] buffer = new byte[32 * 1024];
        for (int n; (n = from.read(buffer)) >= 0; ) {
            to.write(buffer, 0, n);
            to.flush();
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
