package dev.pylocktrust.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pylocktrust.index.IndexStats;
import dev.pylocktrust.index.Progress;
import dev.pylocktrust.python.PackageName;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressPackageSourceTest {
    private static final IndexStats STATS = new IndexStats(7, 1, 0, 0, 100);

    /** Records "done/total" of every update. */
    private static final class Recorder implements Progress {
        final List<String> updates = new ArrayList<>();

        @Override
        public synchronized void update(String task, int done, int total, IndexStats stats) {
            assertThat(stats).isEqualTo(STATS);
            updates.add(task + " " + done + "/" + total);
        }

        @Override
        public void finish() {}
    }

    @Test
    void eachReadIsCountedWhenItStartsAndWhenItEnds() {
        FakeIndex index = FakeIndex.of("""
                a 1.0: b
                b 1.0
                """);
        Recorder progress = new Recorder();
        PackageSource source = new ProgressPackageSource(index, progress, () -> STATS);
        List<Candidate> a = source.candidates(PackageName.of("a"));
        assertThat(source.metadata(a.get(0)).requiresDist()).hasSize(1);
        assertThat(progress.updates).containsExactly("resolving 0/1", "resolving 1/1", "resolving 1/2",
                "resolving 2/2");
    }

    @Test
    void aFailedReadStillEnds() {
        PackageSource failing = new PackageSource() {
            @Override
            public List<Candidate> candidates(PackageName name) {
                throw new IllegalStateException("index down");
            }

            @Override
            public Metadata metadata(Candidate candidate) {
                throw new AssertionError("not called");
            }
        };
        Recorder progress = new Recorder();
        PackageSource source = new ProgressPackageSource(failing, progress, () -> STATS);
        assertThatThrownBy(() -> source.candidates(PackageName.of("a"))).hasMessage("index down");
        assertThat(progress.updates).containsExactly("resolving 0/1", "resolving 1/1");
    }
}
