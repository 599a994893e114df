package dev.pylocktrust.lock;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Written bytes pinned as golden files under {@code src/test/resources/golden/lockfile/}. Read, write, compare with
 * the golden file, re-read and compare models. Regenerate with {@code -Dgolden.update=true} and review the diff.
 */
class LockfileGoldenTest {
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("pep751-example.pylock.toml",
                        new LockfileReader().read(Fixtures.PEP751_EXAMPLE).lockfile()),
                Arguments.of("uv-export.pylock.toml", new LockfileReader().read(Fixtures.UV_EXPORT).lockfile()),
                Arguments.of("everything.pylock.toml", SampleLocks.everything()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void writtenBytesMatchTheGoldenFile(String name, Lockfile model) throws IOException {
        String written = new LockfileWriter(Fixtures.REGENERATE).render(model);
        Path golden = Fixtures.GOLDEN_DIR.resolve(name);
        if (UPDATE) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, written, StandardCharsets.UTF_8);
        }
        assertThat(golden).as("golden file; run with -Dgolden.update=true to create it").exists();
        assertThat(written).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));

        Lockfile reread = new LockfileReader().read(golden).lockfile();
        assertThat(reread).isEqualTo(LockfileWriter.canonical(model));
        // Nothing lost: every package and file of the input is in the output.
        assertThat(reread.packages()).hasSameSizeAs(model.packages());
        assertThat(reread.packages().stream().mapToInt(p -> p.files().size()).sum())
                .isEqualTo(model.packages().stream().mapToInt(p -> p.files().size()).sum());
    }
}
