package dev.hydra.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.junit.jupiter.api.Test;

class LatestValueTest {

    @Test
    void aBurstCostsOneUiHopAndDeliversTheNewestValue() {
        Queue<Runnable> uiQueue = new ArrayDeque<>();
        List<Integer> applied = new ArrayList<>();
        LatestValue<Integer> latest = new LatestValue<>(uiQueue::add, applied::add);

        for (int i = 1; i <= 1000; i++) {
            latest.offer(i);
        }
        assertThat(uiQueue).hasSize(1);
        uiQueue.poll().run();

        assertThat(applied).containsExactly(1000);
    }

    @Test
    void aValueAfterTheHopSchedulesAnother() {
        Queue<Runnable> uiQueue = new ArrayDeque<>();
        List<Integer> applied = new ArrayList<>();
        LatestValue<Integer> latest = new LatestValue<>(uiQueue::add, applied::add);

        latest.offer(1);
        uiQueue.poll().run();
        latest.offer(2);
        uiQueue.poll().run();

        assertThat(applied).containsExactly(1, 2);
    }

    @Test
    void numbersReadAsPeopleExpectAndUnknownIsNeverZero() {
        assertThat(Formats.bytes(1536)).isEqualTo("1.5 KiB");
        assertThat(Formats.bytes(32L << 30)).isEqualTo("32 GiB");
        assertThat(Formats.mebibytes(24_564)).isEqualTo("24 GiB");
        assertThat(Formats.percent(null)).isEqualTo("n/a");
        assertThat(Formats.watts(null)).isEqualTo("n/a");
        assertThat(Formats.duration(java.time.Duration.ofSeconds(90_061))).isEqualTo("1 d 1 h");
        assertThat(Formats.fraction(null, 100)).isZero();
    }
}
