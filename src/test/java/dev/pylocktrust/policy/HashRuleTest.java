package dev.pylocktrust.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every hash a lock records is checked against the same file; only the bytes confirm a hash the attestation does not bind. */
class HashRuleTest {
    private static final String SHA256 = "a".repeat(64);
    private static final String SHA512 = "b".repeat(128);
    private static final String OTHER512 = "c".repeat(128);

    @Test
    void theBytesConfirmEveryAlgorithmTheyHave() {
        assertThat(HashRule.check(Map.of("sha256", SHA256, "sha512", SHA512),
                Map.of("sha256", SHA256, "sha512", SHA512.toUpperCase()), HashRule.Source.BYTES)).isEmpty();
        assertThat(HashRule.check(Map.of("sha256", SHA256, "sha512", SHA512),
                Map.of("sha256", SHA256, "sha512", OTHER512), HashRule.Source.BYTES))
                .containsExactly(new HashRule.Problem.Changed("sha512", SHA512, OTHER512));
        assertThat(HashRule.check(Map.of("blake2b", "d".repeat(128)), Map.of("sha256", SHA256),
                HashRule.Source.BYTES)).containsExactly(new HashRule.Problem.Unverifiable("blake2b"));
    }

    /** An index that agrees with a hand-added sha512 confirms nothing: the index and the lock edit may be one attacker. */
    @Test
    void anIndexListingConfirmsOnlyTheAttestedSha256() {
        assertThat(HashRule.check(Map.of("sha256", SHA256), Map.of("sha256", SHA256), HashRule.Source.LISTING))
                .isEmpty();
        assertThat(HashRule.check(Map.of("sha256", SHA256, "sha512", SHA512), Map.of("sha256", SHA256, "sha512",
                SHA512), HashRule.Source.LISTING)).containsExactly(new HashRule.Problem.Unverifiable("sha512"));
        assertThat(HashRule.check(Map.of("sha256", SHA256, "sha512", SHA512), Map.of("sha256", SHA256, "sha512",
                OTHER512), HashRule.Source.LISTING)).containsExactly(new HashRule.Problem.Changed("sha512", SHA512,
                OTHER512));
        assertThat(HashRule.check(Map.of("sha256", SHA256, "sha512", SHA512), Map.of("sha256", SHA256),
                HashRule.Source.LISTING)).containsExactly(new HashRule.Problem.Unverifiable("sha512"));
    }

    @Test
    void digestsCompareWithoutCaseByAsciiRulesOnly() {
        // U+0130 and U+0131 lower-case to 'i' under some rules; a digest is hex, and they are not hex.
        assertThat(HashRule.check(Map.of("md5", "i"), Map.of("md5", "\u0130"), HashRule.Source.BYTES))
                .containsExactly(new HashRule.Problem.Changed("md5", "i", "\u0130"));
        assertThat(HashRule.check(Map.of("md5", "ab"), Map.of("md5", "AB"), HashRule.Source.LOCK)).isEmpty();
    }
}
