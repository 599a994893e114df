package dev.pylocktrust.attest;

import java.util.Map;
import java.util.SortedMap;

/**
 * A PEP 740 publisher object: the Trusted Publisher identity that the index asserts for a bundle of attestations.
 *
 * <p>The known kinds are {@code GitHub}, {@code GitLab} and {@code Google} (exact, case-sensitive discriminators as
 * PyPI serializes them). Any other kind is kept as an {@link UnknownPublisher} with its raw keys: it cannot be
 * checked against a certificate, so it never verifies, but it round-trips through a lockfile unchanged.
 *
 * <p>The {@code claims} key of PEP 740 is ignored everywhere (PyPI stopped emitting it; old records have
 * {@code "claims": null}).
 */
public sealed interface Publisher permits GitHubPublisher, GitLabPublisher, GooglePublisher, UnknownPublisher {

    /** The {@code kind} discriminator, e.g. {@code GitHub}. */
    String kind();

    /**
     * The lockfile's identity equality: equal when the kind, the repository (ASCII case-insensitive), the workflow or
     * workflow file path (exact), the environment (empty, null and absent are the same; GitHub ASCII
     * case-insensitive, GitLab exact) and the e-mail (exact) are equal, each compared by {@link IdentityValues#same}.
     * Unknown kinds: every key except {@code claims}, exactly. Extra keys of known kinds are not part of the identity.
     */
    boolean sameIdentity(Publisher other);

    /**
     * Whether two publishers publish from the same place: the same kind and repository (GitHub, GitLab: the
     * repository, case-insensitive as on the forge), the same service account (Google), or the same identity
     * (unknown kinds). Different workflows or environments of one repository are the same place; different
     * repositories are not.
     */
    boolean sameRepository(Publisher other);

    /**
     * The flat table written to {@code [[packages.attestation-identities]]}: {@code kind} plus the publisher's keys as
     * PyPI serves them, with {@code environment} omitted when empty. Sorted by key for deterministic output.
     */
    SortedMap<String, String> toIdentityTable();

    /**
     * One line for humans, e.g. {@code GitHub pypa/sampleproject (release.yml, environment pypi)}; a value with
     * non-ASCII characters is flagged ({@link IdentityValues#nonAsciiNote}), e.g. {@code ... environment pypı)
     * [non-ASCII: U+0131]}.
     */
    String describe();

    /**
     * Reads a publisher back from an identity table (e.g. a {@code [[packages.attestation-identities]]} TOML table).
     * Values that are not strings are kept as their text for unknown kinds and extra keys.
     *
     * @throws IllegalArgumentException naming the key when {@code kind} is missing or a known kind lacks a required
     *     key or has an invalid value; the caller adds the location (file, line)
     */
    static Publisher fromTable(Map<String, ?> table) {
        return Publishers.fromFlatMap(Publishers.stringify(table));
    }
}
