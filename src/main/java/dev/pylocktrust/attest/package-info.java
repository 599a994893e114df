/**
 * PEP 740 index-hosted attestations: the model, its conversion to a Sigstore bundle, cryptographic verification with
 * sigstore-java plus the checks it does not do, certificate claims, publisher policies and trust roots.
 *
 * <p>Specs: <a href="https://peps.python.org/pep-0740/">PEP 740</a>,
 * <a href="https://packaging.python.org/en/latest/specifications/index-hosted-attestations/">index-hosted
 * attestations</a>, <a href="https://github.com/sigstore/fulcio/blob/main/docs/oid-info.md">Fulcio OIDs</a>.
 *
 * <p>Traps this package handles:
 * <ul>
 *   <li>PyPI serves transparency entries in Sigstore's protobuf-JSON shape, not PEP 740's snake_case sketch.</li>
 *   <li>Older base64 fields contain newlines; {@code claims} is absent or {@code null}; publisher objects gain keys.</li>
 *   <li>The subject name must be compared with the filename after parsing both, never as strings.</li>
 *   <li>Fulcio certificates live ten minutes: the signed time is the log's integrated time or an RFC 3161 time.</li>
 *   <li>sigstore-java 2.0.0 accepts any one matching subject among several, does not compare a Rekor v1 entry's
 *       certificate with the bundle's, does not check the integrated time against the certificate, counts DSSE
 *       payload length in characters, does not bind an inclusion proof to its leaf index and tree size, and throws
 *       unchecked exceptions for some malformed bundles.</li>
 *   <li>Fulcio extensions .1-.6 are raw strings, .8 and later DER UTF8Strings.</li>
 *   <li>The environment of a GitHub publisher is asserted by the index, not certified, unless extension .23 is
 *       present.</li>
 * </ul>
 *
 * <p>No class here uses the network or the clock: the current time is a parameter, trust roots are local.
 */
package dev.pylocktrust.attest;
