package dev.pylocktrust.attest;

import dev.pylocktrust.TrustException;
import dev.pylocktrust.UsageException;

/**
 * A provenance or attestation document that does not have the PEP 740 shape: not JSON, too large, a wrong
 * {@code version}, a missing key, invalid base64, a certificate that is not X.509.
 *
 * <p>Exit code choice: this is a {@link TrustException} (exit 1) because most such bytes come from the package
 * index, which is hostile input: a malformed provenance for a file we are about to install is a trust failure, never
 * a usage error a pipeline might treat differently. When the bytes come from a file the user named on the command
 * line (e.g. {@code inspect FILE}), the command converts it with {@link #asUsageError(String)} so that the user sees
 * exit 2 and the file's name.
 */
public final class MalformedAttestationException extends TrustException {
    private final String detail;

    /** @param detail what is wrong, naming the JSON path, e.g. {@code attestation_bundles[0].publisher: missing "kind"} */
    public MalformedAttestationException(String detail) {
        super(detail);
        this.detail = detail;
    }

    public MalformedAttestationException(String detail, Throwable cause) {
        super(detail, cause);
        this.detail = detail;
    }

    /** What is wrong, without any file name. */
    public String detail() {
        return detail;
    }

    /** The same problem reported as a malformed input file given by the user (exit 2). */
    public UsageException asUsageError(String fileName) {
        return new UsageException(fileName + ": " + detail, this,
                "the file must be a PEP 740 provenance object ({\"version\": 1, \"attestation_bundles\": [...]}) "
                        + "or a single PEP 740 attestation ({\"version\": 1, \"verification_material\": ..., \"envelope\": ...})");
    }
}
