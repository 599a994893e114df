package dev.pylocktrust.attest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pylocktrust.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustRootTest {
    @Test
    void embeddedProductionIsTheFixtureSnapshotAndIsShared() {
        TrustRoot root = TrustRoot.embeddedProduction();
        assertThat(root).isSameAs(TrustRoot.embeddedProduction());
        assertThat(root.label()).isEqualTo("embedded Sigstore production root");
        assertThat(root.snapshotDate()).contains(Instant.parse("2026-08-21T19:25:56Z"));
    }

    @Test
    void embeddedResourceIsByteIdenticalToTheFixture() throws Exception {
        try (var in = TrustRoot.class.getResourceAsStream("production.trusted_root.json")) {
            assertThat(in.readAllBytes()).isEqualTo(Fixtures.bytes("trust/production.trusted_root.json"));
        }
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
