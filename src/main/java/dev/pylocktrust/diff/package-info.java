/**
 * The semantic diff of two PEP 751 lockfiles ({@code pylock-trust diff}): values in ({@link
 * dev.pylocktrust.lock.ParsedLockfile}), a list of typed {@link dev.pylocktrust.diff.Change}s out, ranked by
 * {@link dev.pylocktrust.diff.Risk}. No I/O, no clock; {@link dev.pylocktrust.diff.DiffReport} turns the result into
 * a {@link dev.pylocktrust.report.Report} that the renderers in {@code report} lay out.
 *
 * <p>Traps this package handles, each with a test:
 * <ul>
 *   <li>PEP 751 allows several entries with one name (told apart by marker): entries pair by version and marker
 *       first, so one of two numpy entries can be upgraded while the other is unchanged.</li>
 *   <li>Order and layout never count: packages are matched by name, files by <em>parsed</em> filename (uv writes
 *       {@code pyjwt-2.10.1-...} where PyPI's URL says {@code PyJWT-2.10.1-...}), versions by PEP 440 equality
 *       ({@code 1.0} equals {@code 1.0.0}), markers and specifier sets parsed, index URLs with or without a trailing
 *       slash.</li>
 *   <li>Identities compare with the attestation layer's rule ({@code Publisher.sameIdentity}), the one {@code lock}
 *       uses: GitHub repositories and environments case-insensitively, an empty environment equal to none, GitLab
 *       environments exactly. An identity the attestation layer rejects equals only an identical table.</li>
 *   <li>An identity added next to the old one is an identity change too: HEAD would accept a second publisher.</li>
 *   <li>An approval in HEAD's {@code [tool.pylock-trust]} counts only for its exact transition (package, from one of
 *       BASE's identities, to the new one). HEAD is the side under review, so the approval is shown again as a
 *       policy change.</li>
 *   <li>Attestations lost: a package with identities in BASE and none in HEAD; or a file whose BASE counterpart
 *       (same file, or for a new version the same kind of file: sdist, or wheel with the same tags) was verified
 *       and whose HEAD record says {@code no-provenance} or {@code failed}. A missing record says nothing.</li>
 *   <li>A file from a host none of the package's BASE files came from is flagged whether it is the same file moved or
 *       a new version's file: that is how a substituted download hides in a routine upgrade.</li>
 *   <li>Credentials in URLs ({@code https://user:token@host/}) are replaced by {@code ***} before they reach any
 *       message or JSON value.</li>
 *   <li>Changes are grouped per package (one finding for 30 moved wheels, not 30): GitHub shows at most 10 error
 *       annotations per step.</li>
 * </ul>
 */
package dev.pylocktrust.diff;
