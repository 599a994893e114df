package dev.pylocktrust.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one-line reasons for a refresh that failed on the network or could not be saved (failed TUF checks carry their
 * own; {@code TufRefreshTest} and {@code TufCacheForgeryTest} see those from the real client).
 */
class TufFailuresTest {
    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(new InterruptedIOException("no answer within the time allowed"), "timestamp.json",
                        "no answer within 3 s (at timestamp.json)"),
                Arguments.of(new UnknownHostException("tuf-repo-cdn.sigstore.dev"), "2.root.json",
                        "cannot resolve host tuf-repo-cdn.sigstore.dev"),
                Arguments.of(new IOException("wrapped", new ConnectException("Connection refused")), "2.root.json",
                        "cannot connect (Connection refused)"),
                Arguments.of(new SSLHandshakeException("PKIX path building failed\nunable to find a certificate"),
                        "2.root.json", "TLS failed (PKIX path building failed unable to find a certificate)"),
                Arguments.of(new IOException("HTTP 500 for timestamp.json"), "timestamp.json",
                        "timestamp.json: HTTP 500 for timestamp.json"),
                Arguments.of(new IOException(), "timestamp.json", "timestamp.json: the request failed"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("failures")
    void describe(Throwable e, String where, String expected) {
        assertThat(TufFailures.describe(e, where, "3 s")).isEqualTo(expected);
    }

    @Test
    void fileErrorsNameTheFileAndTheProblemNotTheExceptionType() {
        assertThat(TufFailures.describeFileError(new FileSystemException("/c/x", null, "Not a directory")))
                .isEqualTo("/c/x: Not a directory");
        assertThat(TufFailures.describeFileError(new AccessDeniedException("/c/x"))).isEqualTo("/c/x: permission "
                + "denied");
        assertThat(TufFailures.describeFileError(new IOException("Read-only file system")))
                .isEqualTo("Read-only file system");
    }
}
