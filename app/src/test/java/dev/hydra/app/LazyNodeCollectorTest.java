package dev.hydra.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hydra.services.cluster.NodeCollector;
import dev.hydra.services.cluster.NodeSnapshot;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LazyNodeCollectorTest {

    @Test
    void theCollectorIsBuiltOnceOnFirstUseNotBefore() {
        AtomicInteger built = new AtomicInteger();
        LazyNodeCollector lazy = new LazyNodeCollector(() -> {
            built.incrementAndGet();
            return new NodeCollector() {
                @Override
                public String nodeName() {
                    return "workstation";
                }

                @Override
                public NodeSnapshot collect(Duration budget) {
                    return null;
                }
            };
        });

        assertThat(built).hasValue(0);
        assertThat(lazy.nodeName()).isEqualTo("workstation");
        lazy.collect(Duration.ofSeconds(1));
        assertThat(built).hasValue(1);
    }
}
