/**
 * Gathering evidence about locked files: the index says which file has which provenance, the attest core says
 * whether that provenance verifies. This is the one place where {@code index} (network, cache) and {@code attest}
 * (cryptography) meet, so that {@code lock} and {@code verify} ask the same question the same way.
 *
 * <p>Traps this package exists to avoid:
 * <ul>
 *   <li>A failed lookup is never "no provenance": {@link dev.pylocktrust.gather.FileEvidence.LookupFailed} is
 *       distinct from {@link dev.pylocktrust.gather.FileEvidence.NoProvenance}.</li>
 *   <li>Files are matched by sha256, and provenance is checked against the index's filename, never the lockfile's
 *       spelling (uv writes normalized wheel names); the lockfile's filename must parse to the same distribution
 *       (name, version, tags), else the file is not on the index.</li>
 *   <li>Cached provenance is re-verified on every run; the cache holds bytes, never verdicts. Only provenance that
 *       verified is written to it, and a cached document that fails is asked for again from the index.</li>
 *   <li>One rejected attestation makes the whole file {@link dev.pylocktrust.gather.FileEvidence.Invalid}: a file
 *       whose provenance fails verification is a trust failure, never silently skipped.</li>
 * </ul>
 */
package dev.pylocktrust.gather;
