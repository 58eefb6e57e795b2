package dev.hydra.services.review;

import dev.hydra.services.metadata.MetadataReader;
import dev.hydra.services.store.Database;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * The child JVM of {@link DecisionCrashTest}: decides every pending asset as fast as it can, the way the review
 * screen does (one committed decision per key press), and after each {@code decide} returns tells the parent over a
 * loopback socket what was committed. The parent kills it with SIGKILL at a moment of its choosing.
 */
public final class DecidingProcess {

    private DecidingProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path databaseDir = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        try (Database database = Database.openEmbedded(databaseDir);
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
                PrintWriter parent = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8)) {
            AssetLibrary library = new DatabaseAssetLibrary(database.jdbi(), Clock.systemUTC(), new MetadataReader(),
                    Classifier.none());
            List<AssetSummary> pending = library.list(AssetQuery.ALL.withState(ReviewState.PENDING));
            parent.println("ready " + pending.size());
            int i = 0;
            for (AssetSummary asset : pending) {
                ReviewState state = i % 3 == 0 ? ReviewState.REJECTED : ReviewState.ACCEPTED;
                Set<String> reasons = state == ReviewState.REJECTED ? Set.of("hands", "face") : Set.of();
                Decision decision = library.decide(asset.id(), state, 1 + i % 5, reasons);
                parent.println("committed " + decision.id() + " " + asset.id() + " " + state.label() + " "
                        + (1 + i % 5));
                i++;
            }
            parent.println("done");
        }
    }
}
