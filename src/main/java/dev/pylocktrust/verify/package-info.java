/**
 * {@code pylock-trust verify}, the CI gate: which files a lock would install, whether each is published by an
 * identity the lock trusts, and whether the wheelhouse and pip agree with the lock.
 *
 * <p>Flow ({@link dev.pylocktrust.verify.Verification}): {@link dev.pylocktrust.verify.InstallPlanner} (PEP 751's
 * installation rules, pure) selects the files; {@link dev.pylocktrust.verify.PipReportCheck} adds what pip would
 * install; {@code gather} fetches and verifies provenance (the only network step);
 * {@link dev.pylocktrust.verify.VerifyPolicy} (pure) turns evidence into verdicts and findings;
 * {@link dev.pylocktrust.verify.WheelhouseCheck} compares the wheelhouse. Rendering is {@code report}'s.
 *
 * <p>Traps this package handles, each with a test:
 * <ul>
 *   <li>A network error or a cache miss is "not checked" (exit 3), never a pass, and a definite trust failure
 *       elsewhere still wins (exit 1).</li>
 *   <li>Offline against a remote index, a cached page may be older than the lock: a file it does not list is
 *       "not in cache", not "not on the index". From a mirror directory the page is the truth.</li>
 *   <li>Provenance that does not verify fails even for a package without locked identities: an unverifiable
 *       attestation means someone served a forged or misattributed document.</li>
 *   <li>A package's identities are the union over its files (PEP 751), so a file passes when any of its verified
 *       identities equals any locked one; the equality is {@code attest}'s {@code Publisher.sameIdentity}, the one
 *       rule {@code lock} also uses.</li>
 *   <li>PEP 751: a package whose {@code requires-python} fails on the target is an error, not a skip; two selected
 *       entries with one name are an error; the {@code dependency_groups} marker set defaults to
 *       {@code default-groups}, not to the empty set.</li>
 *   <li>Wheelhouse and pip-report files are matched by sha256 and by parsed filename (uv writes
 *       {@code markupsafe-...} for PyPI's {@code MarkupSafe-...}); a name-alike with other content is tampering,
 *       not "missing".</li>
 * </ul>
 */
package dev.pylocktrust.verify;
