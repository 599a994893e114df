package dev.pylocktrust;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.UnknownHostException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

/** I/O failures in words: never a class name, never a control character, the file only when asked for. */
class IoErrorsTest {
    @Test
    void knownKindsHaveTheirWords() {
        assertThat(IoErrors.reason(new AccessDeniedException("/out/.pylock.toml.e4c98590b68e34c3.tmp")))
                .isEqualTo("permission denied");
        assertThat(IoErrors.reason(new NoSuchFileException("nope.json"))).isEqualTo("no such file or directory");
        assertThat(IoErrors.reason(new MalformedInputException(1))).isEqualTo("not valid UTF-8 text");
        assertThat(IoErrors.reason(new UnknownHostException("pypi.internal"))).isEqualTo(
                "cannot resolve host pypi.internal");
        assertThat(IoErrors.reason(new UncheckedIOException(new AccessDeniedException("x")))).isEqualTo(
                "permission denied");
    }

    @Test
    void theOperatingSystemsReasonIsKeptInLowerCase() {
        assertThat(IoErrors.reason(new FileSystemException("/x", null, "Read-only file system")))
                .isEqualTo("read-only file system");
        assertThat(IoErrors.reason(new IOException("No space left on device"))).isEqualTo("no space left on device");
        assertThat(IoErrors.reason(new IOException("HTTP 500 from the index"))).isEqualTo("HTTP 500 from the index");
        assertThat(IoErrors.file(new AccessDeniedException("/out/.tmp"))).contains("/out/.tmp");
    }

    @Test
    void javaAndBinaryNeverReachTheUser() {
        assertThat(IoErrors.reason(new IOException("java.lang.IllegalStateException: boom"))).isEqualTo(
                "input/output error");
        assertThat(IoErrors.reason(new IOException((String) null))).isEqualTo("input/output error");
        assertThat(IoErrors.reason(new IOException("bad \u001b[31mred\u0007"))).isEqualTo("bad ?[31mred?");
    }
}
