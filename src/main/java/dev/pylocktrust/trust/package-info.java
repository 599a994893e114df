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
 * is the I/O boundary, implemented by {@link dev.pylocktrust.trust.SigstoreTufRepository} (sigstore-java's
 * {@code Updater} over the index package's {@link dev.pylocktrust.index.BudgetedHttpClient}, which owns okhttp, with a
 * {@link dev.pylocktrust.trust.TufCacheDir}).
 *
 * <p>Traps:
 * <ul>
 *   <li>sigstore-java's {@code SigstoreTufClient} remembers its last update in memory only: in a CLI every process
 *       would refresh. The refresh time is persisted with the cache instead.</li>
 *   <li>sigstore-java's {@code HttpFetcher} has fixed timeouts and cannot be cancelled; a black-holed connection would
 *       stall the command. {@link dev.pylocktrust.trust.TufHttpFetcher} spends one budget across all requests and is
 *       cancellable; the selector also abandons the refresh thread at the bound (DNS lookups cannot be
 *       interrupted).</li>
 *   <li>{@code Updater.update()} downloads every target the repository lists; only {@code trusted_root.json} is
 *       needed ({@code updateMeta()} then {@code downloadTarget}).</li>
 *   <li>{@code Updater} keeps a trusted timestamp without checking its expiry when the mirror serves the same version
 *       again; a frozen mirror would pass. The refreshed metadata's expiry is checked again afterwards.</li>
 *   <li>{@code FileSystemTufStore} writes files in place: a refresh abandoned half-way would leave a torn cache. Each
 *       refresh works in a private directory that is made current atomically only after it verified.</li>
 *   <li>Sigstore's TUF metadata is signed over OLPC canonical JSON, in which a newline in a PEM key stays raw;
 *       sigstore-java's RFC 8785 canonicalizer is patched to match. Test repositories must sign the same bytes.</li>
 *   <li>Object stores answer 403, not 404, for a missing {@code N.root.json}: both mean "no newer root".</li>
 *   <li>The embedded production snapshot is a fallback for Sigstore production only; for another instance it would
 *       silently reject everything.</li>
 *   <li>The local cache is trusted like the user's home directory: signatures are verified when metadata is fetched,
 *       not again when the cache is read (length and hashes are).</li>
 *   <li>A failed refresh is remembered ({@link dev.pylocktrust.trust.RefreshFailure}) so that an unreachable
 *       repository costs the time bound once per back-off window, not on every run. The record may only ever make a
 *       run skip a refresh and use a root it would have used anyway after a failure; one dated in the future, for
 *       another URL, malformed or oversized is ignored, so it can never suppress refreshes for longer than
 *       {@link dev.pylocktrust.trust.RefreshBackOff} allows.</li>
 * </ul>
 */
package dev.pylocktrust.trust;
