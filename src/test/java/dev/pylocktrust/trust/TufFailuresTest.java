package dev.pylocktrust.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sigstore.tuf.FileExceedsMaxLengthException;
import dev.sigstore.tuf.FileNotFoundException;
import dev.sigstore.tuf.RoleExpiredException;
import dev.sigstore.tuf.RollbackVersionException;
import dev.sigstore.tuf.SignatureVerificationException;
import dev.sigstore.tuf.TargetMetadataMissingException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one-line reasons for sigstore-java's TUF exceptions (constructed here as sigstore-java 2.0.0 throws them; the
 * tampering cases in {@code TufRefreshTest} get them from the real client).
 */
class TufFailuresTest {
    static Stream<Arguments> failures() {
        ZonedDateTime expired = ZonedDateTime.of(2026, 11, 20, 13, 58, 18, 0, ZoneOffset.UTC);
        return Stream.of(
                Arguments.of(new SignatureVerificationException(3, 1), "5.root.json",
                        "5.root.json: not signed by enough trusted keys (threshold 3, valid signatures 1)"),
                Arguments.of(new RoleExpiredException("https://m/", expired, expired), "16.root.json",
                        "16.root.json: the signed metadata expired at 2026-11-20T13:58:18Z and the repository serves "
                                + "nothing newer (a stale mirror, or a freeze attack)"),
                Arguments.of(new RollbackVersionException(762, 761), "timestamp.json",
                        "timestamp.json: version 761 is older than the trusted version 762 (a rollback attack, or a "
                                + "broken mirror)"),
                Arguments.of(new FileExceedsMaxLengthException("https://m/timestamp.json", 101376), "timestamp.json",
                        "timestamp.json: larger than the signed metadata allows"),
                Arguments.of(new FileNotFoundException("timestamp.json", "https://m/"), "timestamp.json",
                        "timestamp.json: not found on the mirror"),
                Arguments.of(new TargetMetadataMissingException("trusted_root.json"), "",
                        "the signed targets metadata lists no trusted_root.json"),
                Arguments.of(new InterruptedIOException("no answer within the time allowed"), "timestamp.json",
                        "no answer within 3 s (at timestamp.json)"),
                Arguments.of(new UnknownHostException("tuf-repo-cdn.sigstore.dev"), "2.root.json",
                        "cannot resolve host tuf-repo-cdn.sigstore.dev"),
                Arguments.of(new IOException("wrapped", new ConnectException("Connection refused")), "2.root.json",
                        "cannot connect (Connection refused)"),
                Arguments.of(new IOException("HTTP 500 for timestamp.json"), "timestamp.json",
                        "timestamp.json: HTTP 500 for timestamp.json"),
                Arguments.of(new IllegalStateException("Expected BEGIN_OBJECT\nbut was STRING"), "3.snapshot.json",
                        "3.snapshot.json: malformed TUF metadata (Expected BEGIN_OBJECT but was STRING)"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("failures")
    void describe(Throwable e, String where, String expected) {
        assertThat(TufFailures.describe(e, where, "3 s")).isEqualTo(expected);
    }
}
