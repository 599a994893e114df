package dev.pylocktrust.attest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pylocktrust.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustRootTest {
    // scripts/update-trust-root replaces the embedded root and its properties at release time: these tests read the
    // expected values from the properties, so a refreshed snapshot still passes (and a mismatched pair does not).
    private static Properties embeddedInfo() throws Exception {
        Properties p = new Properties();
        try (var in = TrustRoot.class.getResourceAsStream("production.trusted_root.properties")) {
            p.load(in);
        }
        return p;
    }

    @Test
    void embeddedProductionIsTheSnapshotItsPropertiesDescribeAndIsShared() throws Exception {
        TrustRoot root = TrustRoot.embeddedProduction();
        assertThat(root).isSameAs(TrustRoot.embeddedProduction());
        assertThat(root.label()).isEqualTo("embedded Sigstore production root");
        Instant date = Instant.parse(embeddedInfo().getProperty("snapshot-date"));
        assertThat(root.snapshotDate()).contains(date);
        assertThat(TrustRoot.embeddedProductionSnapshotDate()).contains(date);
        assertThat(root.sha256()).isEqualTo(embeddedInfo().getProperty("sha256"));
    }

    @Test
    void embeddedResourceIsTheRootItsPropertiesName() throws Exception {
        try (var in = TrustRoot.class.getResourceAsStream("production.trusted_root.json")) {
            byte[] bytes = in.readAllBytes();
            assertThat(TrustRoot.embeddedProduction().json()).isEqualTo(bytes);
            assertThat(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(bytes))).isEqualTo(embeddedInfo().getProperty("sha256"));
        }
    }

    @Test
    void jsonIsACopy() {
        byte[] json = TrustRoot.embeddedProduction().json();
        json[0] = 'x';
        assertThat(TrustRoot.embeddedProduction().json()[0]).isEqualTo((byte) '{');
    }

    @Test
    void fromFileNamesAMissingFile(@TempDir Path dir) {
        Path missing = dir.resolve("nope.json");
        assertThatThrownBy(() -> TrustRoot.fromFile(missing)).isInstanceOf(UsageException.class)
                .hasMessageStartingWith("cannot read trusted root " + missing);
    }

    @Test
    void fromFileNamesAMalformedFile(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"mediaType\": 3");
        assertThatThrownBy(() -> TrustRoot.fromFile(bad)).isInstanceOf(UsageException.class)
                .hasMessageStartingWith("trusted root " + bad + " is not a usable Sigstore trusted_root.json: ");
        Path empty = dir.resolve("empty.json");
        Files.writeString(empty, "{}");
        assertThatThrownBy(() -> TrustRoot.fromFile(empty)).isInstanceOf(UsageException.class)
                .hasMessage("trusted root " + empty + " is not a usable Sigstore trusted_root.json: it has no "
                        + "certificate authority or no transparency log");
    }

    @Test
    void fromFileLoadsStaging(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("staging.json");
        Files.write(f, Fixtures.bytes("trust/staging.trusted_root.json"));
        TrustRoot root = TrustRoot.fromFile(f);
        assertThat(root.label()).isEqualTo("trusted root " + f);
        assertThat(root.snapshotDate()).isEmpty();
    }
}
