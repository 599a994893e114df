package dev.pylocktrust.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pylocktrust.trust.TrustRootContents.Window;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrustRootContentsTest {
    static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    @Test
    void productionRootListsItsAuthoritiesLogsAndWindows() throws Exception {
        var c = TrustRootContents.parse(Files.readAllBytes(
                Path.of("src/test/resources/fixtures/trust/production.trusted_root.json")));

        assertThat(c.mediaType()).isEqualTo("application/vnd.dev.sigstore.trustedroot+json;version=0.1");
        assertThat(c.transparencyLogs()).extracting(TrustRootContents.Log::baseUrl)
                .containsExactly("https://rekor.sigstore.dev", "https://log2025-1.rekor.sigstore.dev");
        var rekorV2 = c.transparencyLogs().get(1);
        assertThat(rekorV2.keyDetails()).isEqualTo("PKIX_ED25519");
        assertThat(rekorV2.logId()).isEqualTo("zxGZFVvd0FEmjR8WrFwMdcAJ9vtaY/QXf44Y1wUeP6A=");
        assertThat(rekorV2.validFor().start()).contains(Instant.parse("2025-09-23T00:00:00Z"));
        assertThat(rekorV2.validFor().end()).isEmpty();
        assertThat(c.ctLogs()).extracting(l -> l.validFor().status(NOW)).containsExactly("expired", "active");
        assertThat(c.certificateAuthorities()).hasSize(2);
        var fulcio = c.certificateAuthorities().get(1);
        assertThat(fulcio.uri()).isEqualTo("https://fulcio.sigstore.dev");
        assertThat(fulcio.subject()).isEqualTo("CN=sigstore, O=sigstore.dev");
        assertThat(fulcio.chain()).hasSize(2);
        assertThat(fulcio.chain().get(1).subject()).isEqualTo("CN=sigstore,O=sigstore.dev");
        assertThat(c.timestampAuthorities()).singleElement().satisfies(t -> {
            assertThat(t.uri()).isEqualTo("https://timestamp.sigstore.dev/api/v1/timestamp");
            assertThat(t.subject()).isEqualTo("CN=sigstore-tsa-selfsigned, O=sigstore.dev");
        });
    }

    @Test
    void windowStatus() {
        Instant a = Instant.parse("2026-01-01T00:00:00Z");
        Instant b = Instant.parse("2027-01-01T00:00:00Z");
        assertThat(new Window(Optional.of(a), Optional.empty()).status(NOW)).isEqualTo("active");
        assertThat(new Window(Optional.of(b), Optional.empty()).status(NOW)).isEqualTo("not yet valid");
        assertThat(new Window(Optional.of(a), Optional.of(a.plusSeconds(1))).status(NOW)).isEqualTo("expired");
        assertThat(new Window(Optional.empty(), Optional.of(NOW)).status(NOW)).isEqualTo("expired");
        assertThat(new Window(Optional.empty(), Optional.of(b)).status(NOW)).isEqualTo("active");
    }

    @Test
    void malformedInputIsAnIllegalArgument() {
        assertThatThrownBy(() -> TrustRootContents.parse("[".getBytes())).hasMessage("not valid JSON");
        assertThatThrownBy(() -> TrustRootContents.parse("[]".getBytes())).hasMessage("not a JSON object");
        assertThatThrownBy(() -> TrustRootContents.parse(("{\"tlogs\":[{\"publicKey\":{\"validFor\":"
                + "{\"start\":\"yesterday\"}}}]}").getBytes()))
                .hasMessage("a validity time is not an RFC 3339 time: yesterday");
        assertThatThrownBy(() -> TrustRootContents.parse(("{\"certificateAuthorities\":[{\"certChain\":"
                + "{\"certificates\":[{\"rawBytes\":\"AAAA\"}]}}]}").getBytes()))
                .hasMessage("a certificate chain holds something that is not an X.509 certificate");
    }
}
