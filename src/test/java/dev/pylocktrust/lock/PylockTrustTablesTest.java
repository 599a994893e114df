package dev.pylocktrust.lock;

import static dev.pylocktrust.lock.Fixtures.HEAD;
import static dev.pylocktrust.lock.Fixtures.sha;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Our tool tables: per-file records and policy. Unknown keys there are errors, never silently ignored. */
class PylockTrustTablesTest {
    /** Lines 1-7: a package foo 1.0 with one wheel whose sha256 is sha('a'). */
    private static final String FOO = HEAD + Fixtures.wheelPackage("foo");

    @Test
    void readsRecordsAndPolicy() {
        Lockfile lock = Fixtures.parse(FOO + """
                [packages.tool.pylock-trust]
                files = [
                    { filename = "foo-1.0-py3-none-any.whl", sha256 = "%s", status = "verified", log-index = 147137144, integrated-time = 2024-11-06T22:37:08Z, repository-id = "123", repository-owner-id = "456" },
                ]

                [tool.pylock-trust]
                require-attestations = ["foo"]
                allow-unattested = ["legacy-thing"]

                [[tool.pylock-trust.approved-identity-changes]]
                package = "foo"
                from = { kind = "GitHub", repository = "old/foo", workflow = "release.yml" }
                to = { kind = "GitHub", repository = "new/foo", workflow = "release.yml" }
                reason = "repository transferred to the new org"
                date = 2026-01-31
                approved-by = "alice"
                """.formatted(sha('a'))).lockfile();

        FileAttestationRecord r = lock.packages().get(0).attestationRecords().get(0);
        assertThat(r).isEqualTo(new FileAttestationRecord("foo-1.0-py3-none-any.whl", sha('a'),
                FileAttestationRecord.Status.VERIFIED, java.util.OptionalLong.of(147137144),
                Optional.of(Instant.parse("2024-11-06T22:37:08Z")), Optional.of("123"), Optional.of("456")));
        assertThat(lock.packages().get(0).tool()).isEqualTo(RawTable.EMPTY);

        TrustPolicy policy = lock.policy();
        assertThat(policy.requireAttestations()).containsExactly("foo");
        assertThat(policy.allowUnattested()).containsExactly("legacy-thing");
        assertThat(policy.approvedIdentityChanges()).containsExactly(new ApprovedIdentityChange("foo",
                AttestationIdentity.of(Map.of("kind", "GitHub", "repository", "old/foo", "workflow", "release.yml")),
                AttestationIdentity.of(Map.of("kind", "GitHub", "repository", "new/foo", "workflow", "release.yml")),
                "repository transferred to the new org", LocalDate.of(2026, 1, 31), Optional.of("alice")));
        assertThat(lock.tool()).isEqualTo(RawTable.EMPTY);
    }

    static Stream<Arguments> invalid() {
        String rec = "\n[packages.tool.pylock-trust]\nfiles = [\n    { filename = \"foo-1.0-py3-none-any.whl\", "
                + "sha256 = \"" + sha('a') + "\", ";
        String change = "\n[[tool.pylock-trust.approved-identity-changes]]\npackage = \"foo\"\n"
                + "from = { kind = \"GitHub\", repository = \"a/b\" }\nto = { kind = \"GitHub\", repository = \"c/d\" }\n";
        return Stream.of(
                arguments(FOO + "\n[tool.pylock-trust]\nallow-unatested = [\"foo\"]\n",
                        "pylock.toml:10: tool.pylock-trust.allow-unatested: unknown key"),
                arguments(FOO + "\n[tool.pylock-trust]\nrequire-attestations = [\"Foo\"]\n",
                        "pylock.toml:10: tool.pylock-trust.require-attestations[0]: package name 'Foo' is not normalized"),
                arguments(FOO + "\n[tool.pylock-trust]\nrequire-attestations = [\"foo\"]\nallow-unattested = [\n"
                                + "  \"bar\",\n  \"foo\",\n]\n",
                        "pylock.toml:13: tool.pylock-trust.allow-unattested[1]: 'foo' is also in require-attestations"),
                arguments(FOO + change + "date = 2026-01-31\n",
                        "pylock.toml:9: tool.pylock-trust.approved-identity-changes[0].reason: required string missing"),
                arguments(FOO + change + "reason = \"  \"\ndate = 2026-01-31\n",
                        "pylock.toml:13: tool.pylock-trust.approved-identity-changes[0].reason: must not be blank"),
                arguments(FOO + change + "reason = \"moved\"\ndate = \"2026-01-31\"\n",
                        "pylock.toml:14: tool.pylock-trust.approved-identity-changes[0].date: expected a TOML local "
                                + "date such as 2026-01-31, found a string"),
                arguments(FOO + change + "reason = \"moved\"\ndate = 2026-01-31\napproved_by = \"x\"\n",
                        "pylock.toml:15: tool.pylock-trust.approved-identity-changes[0].approved_by: unknown key"),
                arguments(FOO + "\n[[tool.pylock-trust.approved-identity-changes]]\npackage = \"foo\"\n"
                                + "from = { repository = \"a/b\" }\n",
                        "pylock.toml:11: tool.pylock-trust.approved-identity-changes[0].from.kind: "
                                + "required string missing"),
                arguments(FOO + rec + "status = \"ok\" },\n]\n",
                        "pylock.toml:11: packages[0].tool.pylock-trust.files[0].status: unknown status 'ok'"),
                arguments(FOO + rec + "status = \"verified\", log_index = 3 },\n]\n",
                        "pylock.toml:11: packages[0].tool.pylock-trust.files[0].log_index: unknown key"),
                arguments(FOO + "\n[packages.tool.pylock-trust]\nverified = true\n",
                        "pylock.toml:10: packages[0].tool.pylock-trust.verified: unknown key"),
                arguments(FOO + rec + "status = \"verified\", identity = 0 },\n]\n",
                        "pylock.toml:11: packages[0].tool.pylock-trust.files[0].identity: must be a position from 1 "
                                + "in the package's attestation-identities, found 0"),
                arguments(FOO + rec + "status = \"no-provenance\", identity = 1 },\n]\n",
                        "pylock.toml:11: packages[0].tool.pylock-trust.files[0].identity: only a verified file has a "
                                + "signing identity"),
                arguments(FOO + change + "reason = \"moved\"\ndate = 2026-01-31\nto-ids = { repository_id = \"1\" }\n",
                        "pylock.toml:15: tool.pylock-trust.approved-identity-changes[0].to-ids.repository_id: "
                                + "unknown key"),
                arguments(FOO + "\n[packages.tool.pylock-trust]\nfiles = [{ filename = \"../x.whl\", "
                                + "sha256 = \"" + sha('a') + "\", status = \"failed\" }]\n",
                        "pylock.toml:10: packages[0].tool.pylock-trust.files[0].filename: filename '../x.whl' "
                                + "contains a path separator"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void rejects(String toml, String expected) {
        assertThatThrownBy(() -> Fixtures.parse(toml)).isInstanceOf(LockfileException.class).hasMessage(expected);
    }

    @Test
    void unknownPolicyKeyHintListsTheKnownKeys() {
        assertThatThrownBy(() -> Fixtures.parse(FOO + "\n[tool.pylock-trust]\nallow = [\"foo\"]\n"))
                .isInstanceOf(LockfileException.class)
                .satisfies(e -> assertThat(((LockfileException) e).hints()).containsExactly(
                        "known keys here: allow-unattested, approved-identity-changes, require-attestations"));
    }

    @Test
    void modelInvariants() {
        assertThatThrownBy(() -> new TrustPolicy(new java.util.TreeSet<>(java.util.Set.of("a")),
                new java.util.TreeSet<>(java.util.Set.of("a")), java.util.List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FileAttestationRecord.noProvenance("x.whl", "ABC"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AttestationIdentity.of(Map.of("repository", "o/r")))
                .hasMessage("an attestation identity needs a non-empty string 'kind'");
    }
}
