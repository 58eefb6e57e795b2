package dev.hydra.services.store;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.stream.Stream;

/**
 * A name resolver for a child JVM that knows only "localhost": what a machine looks like whose host name is in
 * neither /etc/hosts nor DNS (a minimal Debian, many containers). Installed through META-INF/services by
 * {@link EmbeddedDatabaseWithoutDnsTest} in that JVM only.
 */
public final class NoHostNameResolver extends InetAddressResolverProvider {

    @Override
    public InetAddressResolver get(Configuration configuration) {
        return new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
                if (host.equals("localhost")) {
                    return Stream.of(InetAddress.getLoopbackAddress());
                }
                throw new UnknownHostException(host + ": Name or service not known");
            }

            @Override
            public String lookupByAddress(byte[] address) throws UnknownHostException {
                throw new UnknownHostException("no reverse lookups here");
            }
        };
    }

    @Override
    public String name() {
        return "localhost only";
    }

    /** The child JVM: opens the embedded database in the folder given, exit code 0 when it opened. */
    public static void main(String[] args) throws Exception {
        try (Database database = Database.openEmbedded(java.nio.file.Path.of(args[0]))) {
            database.schemaVersion();
        }
    }
}
