/**
 * Which Sigstore trusted root to verify against, kept fresh through TUF the way Sigstore distributes it.
 *
 * <p>Specs: The Update Framework client workflow (https://theupdateframework.github.io/specification/latest/
 * #detailed-client-workflow), Sigstore's TUF repository (https://github.com/sigstore/root-signing, served at
 * https://tuf-repo-cdn.sigstore.dev/), the {@code trusted_root.json} format
 * (https://github.com/sigstore/protobuf-specs, {@code TrustedRoot}).
 *
 * <p>Shape: {@link dev.pylocktrust.trust.TrustRootDecisions} is pure (whether to refresh, which root stands in, the
 * warning); {@link dev.pylocktrust.trust.TrustRootSelector} waits and builds; {@link dev.pylocktrust.trust.TufRepository}
 * is the I/O boundary, implemented by {@link dev.pylocktrust.trust.SigstoreTufRepository}. The TUF rules are written
 * once, in {@link dev.pylocktrust.trust.TufVerification}, and read through a {@link dev.pylocktrust.trust.TufSource}:
 * the mirror ({@link dev.pylocktrust.trust.TufMirror}, over the index package's
 * {@link dev.pylocktrust.index.BudgetedHttpClient}, which owns okhttp) on a refresh, a cache generation
 * ({@link dev.pylocktrust.trust.TufGeneration} in a {@link dev.pylocktrust.trust.TufCacheDir}) on every read.
 *
 * <p>Traps:
 * <ul>
 *   <li>The cache is untrusted input: on CI it is restored from a cache entry that other workflows (a pull request's)
 *       may have written. Every read verifies it from the pinned root as a refresh verifies the mirror; the files
 *       that are not signed metadata ({@code current}, {@code refresh.properties}, {@code last-failure.properties})
 *       only decide when to refresh, never what is trusted; a symbolic link in it is refused.</li>
 *   <li>sigstore-java's TUF {@code Updater} trusts whatever its local store holds (it checks the local root only
 *       against itself, accepts a threshold of 0, and keeps a trusted timestamp of the same version without checking
 *       its expiry), so it cannot verify a cache; it is not used. {@link dev.pylocktrust.trust.TufVerification}
 *       follows the TUF client workflow with those cases closed, and thresholds count distinct keys.</li>
 *   <li>Key ids are not checked against the keys' content: Sigstore's root lists keys whose ids were computed before
 *       fields were added to them. Nothing depends on it: a key id only selects a key from signed root metadata, and
 *       one key under two ids still counts once.</li>
 *   <li>sigstore-java's {@code SigstoreTufClient} remembers its last update in memory only: in a CLI every process
 *       would refresh. The refresh time is persisted with the cache instead (and says only when to refresh).</li>
 *   <li>sigstore-java's {@code HttpFetcher} has fixed timeouts and cannot be cancelled; a black-holed connection would
 *       stall the command. {@link dev.pylocktrust.trust.TufMirror} spends one budget across all requests and is
 *       cancellable; the selector also abandons the refresh thread at the bound (DNS lookups cannot be
 *       interrupted).</li>
 *   <li>Only {@code trusted_root.json} is fetched, from the top-level targets metadata; the other targets, and
 *       delegations, are never read.</li>
 *   <li>Expired metadata is not a root to verify against (a frozen mirror or cache would pass otherwise), but it is
 *       where the next refresh starts (TUF 5.2): its versions are the floor for rollback checks.</li>
 *   <li>A refresh is held in memory until it verified completely, then written into a private directory that is made
 *       current atomically: an abandoned or failed refresh leaves nothing where a reader looks.</li>
 *   <li>Sigstore's TUF metadata is signed over securesystemslib's canonical JSON, in which a newline in a PEM key stays
 *       raw (not RFC 8785); {@link dev.pylocktrust.trust.TufCanonicalJson}. Test repositories must sign the same
 *       bytes.</li>
 *   <li>Object stores answer 403, not 404, for a missing {@code N.root.json}: both mean "no newer root".</li>
 *   <li>The embedded production snapshot is a fallback for Sigstore production only; for another instance it would
 *       silently reject everything.</li>
 *   <li>A failed refresh is remembered ({@link dev.pylocktrust.trust.RefreshFailure}) so that an unreachable
 *       repository costs the time bound once per back-off window, not on every run. The record may only ever make a
 *       run skip a refresh and use a root it would have used anyway after a failure; one dated in the future, for
 *       another URL, malformed or oversized is ignored, so it can never suppress refreshes for longer than
 *       {@link dev.pylocktrust.trust.RefreshBackOff} allows.</li>
 * </ul>
 */
package dev.pylocktrust.trust;
