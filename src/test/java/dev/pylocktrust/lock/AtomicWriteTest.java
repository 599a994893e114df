package dev.pylocktrust.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pylocktrust.ExitCode;
import dev.pylocktrust.UsageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The old lock file survives byte for byte unless the new one is complete; no temporary file is left behind. */
class AtomicWriteTest {
    private static final byte[] OLD = "# the previous lock file, byte for byte\r\n".getBytes(StandardCharsets.UTF_8);
    private final LockfileWriter writer = new LockfileWriter(Fixtures.REGENERATE);
    private final Lockfile lock = SampleLocks.everything();

    /** Writes half of the bytes, then fails like a full disk. */
    private static final AtomicFileWriter.Ops FAIL_MIDWAY = new DelegatingOps() {
        @Override
        public void write(FileChannel channel, ByteBuffer bytes) throws IOException {
            ByteBuffer half = bytes.duplicate();
            half.limit(bytes.limit() / 2);
            channel.write(half);
            throw new IOException("No space left on device");
        }
    };

    @Test
    void writesANewFile(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("pylock.toml");
        writer.writeAtomically(target, lock);
        assertThat(Files.readAllBytes(target)).isEqualTo(writer.toBytes(lock));
        assertThat(listing(dir)).containsExactly("pylock.toml");
    }

    @Test
    void replacesAnExistingFile(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("pylock.dev.toml");
        Files.write(target, OLD);
        writer.writeAtomically(target, lock);
        assertThat(Files.readAllBytes(target)).isEqualTo(writer.toBytes(lock));
        assertThat(listing(dir)).containsExactly("pylock.dev.toml");
    }

    @Test
    void failureMidwayLeavesTheOldFileUntouched(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("pylock.toml");
        Files.write(target, OLD);

        assertThatThrownBy(() -> writer.writeAtomically(target, lock, FAIL_MIDWAY))
                .isInstanceOf(UsageException.class)
                .hasMessage("cannot write '" + target + "': no space left on device; '" + target
                        + "' was left unchanged")
                .satisfies(e -> assertThat(((UsageException) e).exitCode()).isEqualTo(ExitCode.USAGE));
        assertThat(Files.readAllBytes(target)).isEqualTo(OLD);
        assertThat(listing(dir)).containsExactly("pylock.toml");
    }

    @Test
    void failureMidwayCreatesNothingWhenThereWasNoFile(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("pylock.toml");
        assertThatThrownBy(() -> writer.writeAtomically(target, lock, FAIL_MIDWAY)).isInstanceOf(UsageException.class);
        assertThat(listing(dir)).isEmpty();
    }

    @Test
    void failedSyncOrRenameAlsoLeaveTheOldFile(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("pylock.toml");
        Files.write(target, OLD);
        AtomicFileWriter.Ops failSync = new DelegatingOps() {
            @Override
            public void force(FileChannel channel) throws IOException {
                throw new IOException("Input/output error");
            }
        };
        AtomicFileWriter.Ops failMove = new DelegatingOps() {
            @Override
            public void move(Path temp, Path t) throws IOException {
                throw new java.nio.file.AtomicMoveNotSupportedException(temp.toString(), t.toString(), "cross-device");
            }
        };
        assertThatThrownBy(() -> writer.writeAtomically(target, lock, failSync))
                .hasMessage("cannot write '" + target + "': input/output error; '" + target + "' was left unchanged");
        assertThatThrownBy(() -> writer.writeAtomically(target, lock, failMove))
                .hasMessage("cannot write '" + target + "': this file system cannot replace files atomically; '"
                        + target + "' was left unchanged");
        assertThat(Files.readAllBytes(target)).isEqualTo(OLD);
        assertThat(listing(dir)).containsExactly("pylock.toml");
    }

    @Test
    void aBugInAnOperationPropagatesButStillCleansUp(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("pylock.toml");
        Files.write(target, OLD);
        AtomicFileWriter.Ops buggy = new DelegatingOps() {
            @Override
            public void write(FileChannel channel, ByteBuffer bytes) {
                throw new IllegalStateException("bug");
            }
        };
        assertThatThrownBy(() -> writer.writeAtomically(target, lock, buggy)).isInstanceOf(IllegalStateException.class);
        assertThat(Files.readAllBytes(target)).isEqualTo(OLD);
        assertThat(listing(dir)).containsExactly("pylock.toml");
    }

    @Test
    void anUnwritableModelTouchesNothing(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("pylock.toml");
        Files.write(target, OLD);
        LockedPackage p = LockEdits.withIndex(LockedPackage.of("foo", "1.0", Optional.empty(),
                List.of(LockedFile.of("https://x/foo-1.0-py3-none-any.whl", Fixtures.sha('a')))), "\uD800");
        assertThatThrownBy(() -> writer.writeAtomically(target,
                Lockfile.of(Optional.empty(), List.of(p), TrustPolicy.EMPTY)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Files.readAllBytes(target)).isEqualTo(OLD);
        assertThat(listing(dir)).containsExactly("pylock.toml");
    }

    @Test
    void keepsTheExistingFilesPermissions(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("pylock.toml");
        Files.write(target, OLD);
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-rw-r--"));
        writer.writeAtomically(target, lock);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-rw-r--");
    }

    @Test
    void replacesASymlinkInsteadOfWritingThroughIt(@TempDir Path dir) throws IOException {
        Path elsewhere = dir.resolve("elsewhere.txt");
        Files.write(elsewhere, OLD);
        Path target = dir.resolve("pylock.toml");
        Files.createSymbolicLink(target, elsewhere);

        writer.writeAtomically(target, lock);

        assertThat(Files.isSymbolicLink(target)).isFalse();
        assertThat(Files.readAllBytes(target)).isEqualTo(writer.toBytes(lock));
        assertThat(Files.readAllBytes(elsewhere)).isEqualTo(OLD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lock.toml", "pylock.TOML", "pylock..toml", "pylock.a.b.toml", "pylock-dev.toml",
            "Pylock.toml", "pylock.toml.bak"})
    void rejectsNamesPep751DoesNotAllow(String name, @TempDir Path dir) throws IOException {
        Path target = dir.resolve(name);
        assertThatThrownBy(() -> writer.writeAtomically(target, lock))
                .isInstanceOf(UsageException.class)
                .hasMessage("cannot write '" + target + "': a PEP 751 lock file must be named pylock.toml or "
                        + "pylock.<name>.toml");
        assertThat(listing(dir)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"pylock.toml", "pylock.dev.toml", "pylock.my-service.toml"})
    void acceptsPep751Names(String name) {
        assertThat(LockfileNames.isValid(name)).isTrue();
    }

    @Test
    void missingDirectory(@TempDir Path dir) {
        Path target = dir.resolve("nope/pylock.toml");
        assertThatThrownBy(() -> writer.writeAtomically(target, lock))
                .isInstanceOf(UsageException.class)
                .hasMessage("cannot write '" + target + "': directory '" + target.getParent() + "' does not exist");
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The real operations; tests override one of them. */
    private static class DelegatingOps implements AtomicFileWriter.Ops {
        @Override
        public void write(FileChannel channel, ByteBuffer bytes) throws IOException {
            AtomicFileWriter.Ops.DEFAULT.write(channel, bytes);
        }

        @Override
        public void force(FileChannel channel) throws IOException {
            AtomicFileWriter.Ops.DEFAULT.force(channel);
        }

        @Override
        public void move(Path temp, Path target) throws IOException {
            AtomicFileWriter.Ops.DEFAULT.move(temp, target);
        }
    }
}
