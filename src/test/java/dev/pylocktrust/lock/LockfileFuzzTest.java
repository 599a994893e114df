package dev.pylocktrust.lock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pylocktrust.ParserFuzzTest;
import dev.pylocktrust.UsageException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The files a user (or a pull request) hands over. A pylock.toml: bad input throws only {@link LockfileException};
 * what reads writes out (as {@code lock} writes) to a file that reads back to the same model and writes the same
 * bytes. A requirements file: bad input throws only {@link UsageException}.
 */
class LockfileFuzzTest {
    private static final LockfileWriter WRITER = new LockfileWriter(List.of("pylock-trust", "lock"));

    @ParserFuzzTest
    void lockfile(byte[] input) {
        LockfileReader reader = new LockfileReader();
        ParsedLockfile first;
        try {
            first = reader.parse(input, "pylock.toml");
        } catch (LockfileException e) {
            return;
        }
        String written = WRITER.render(first.lockfile());
        ParsedLockfile reread = reader.parse(written, "pylock.toml");
        assertThat(reread.lockfile()).as("the written file read back:%n%s", written)
                .isEqualTo(LockfileWriter.canonical(first.lockfile()));
        assertThat(WRITER.render(reread.lockfile())).isEqualTo(written);
    }

    @ParserFuzzTest
    void requirements(byte[] input) {
        try {
            RequirementsParser.parse(new String(input, StandardCharsets.UTF_8), "requirements.txt");
        } catch (UsageException e) {
            // the documented error
        }
    }
}
