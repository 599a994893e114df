package dev.pylocktrust;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhaseTimesTest {
    @Test
    void offRecordsAndPrintsNothing() {
        PhaseTimes off = PhaseTimes.off();
        off.mark("start-up");
        assertThat(off.phases()).isEmpty();
        assertThat(off.render()).isEmpty();
        assertThat(PhaseTimes.fromSystemProperties().phases()).isEmpty();
    }

    @Test
    void onRecordsEachPhaseInOrderFromJvmStartAndPrintsOneLineEach() {
        PhaseTimes on = PhaseTimes.on();
        on.mark("start-up");
        burnCpu();
        on.mark("work");
        assertThat(on.phases()).extracting(PhaseTimes.Phase::name).containsExactly("start-up", "work");
        // The first phase began when the JVM started, so it holds this JVM's start-up (and the tests before this one).
        assertThat(on.phases().get(0).wallSeconds()).isPositive();
        assertThat(on.phases().get(1).cpuSeconds()).isPositive();
        assertThat(on.render().lines()).hasSize(2)
                .allMatch(l -> l.matches("phase (start-up|work): wall \\d+\\.\\d{3} s, CPU \\d+\\.\\d{3} s"));
    }

    private static void burnCpu() {
        long x = 0;
        for (int i = 0; i < 50_000_000; i++) {
            x += Long.numberOfTrailingZeros(i ^ x);
        }
        assertThat(x).isNotZero();
    }
}
