package dev.pylocktrust.testkit;

import dev.sigstore.KeylessVerificationException;
import dev.sigstore.KeylessVerifier;
import dev.sigstore.VerificationOptions;
import dev.sigstore.bundle.Bundle;
import dev.sigstore.trustroot.SigstoreTrustedRoot;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.util.HexFormat;

/**
 * Runs minted attestations through sigstore-java's {@code KeylessVerifier} alone: the layer under the production
 * verifier ({@link ProductionPath}), used to show which faults that layer catches by itself and which only
 * pylock-trust's own checks catch.
 */
final class SigstoreJava {

    private final KeylessVerifier verifier;

    private SigstoreJava(KeylessVerifier verifier) {
        this.verifier = verifier;
    }

    /** A verifier trusting exactly {@code trustedRootJson}. */
    static SigstoreJava trusting(byte[] trustedRootJson) throws Exception {
        byte[] root = trustedRootJson.clone();
        return new SigstoreJava(KeylessVerifier.builder()
                .trustedRootProvider(() -> SigstoreTrustedRoot.from(new ByteArrayInputStream(root)))
                .build());
    }

    /** Verifies {@code minted} against the digest it was minted for; throws what sigstore-java throws. */
    void verify(Minted minted) throws Exception {
        verify(minted.attestationJson(), minted.request().sha256Hex());
    }

    void verify(byte[] attestationJson, String sha256Hex) throws Exception {
        Bundle bundle = Bundle.from(new StringReader(SigstoreBundleJson.fromAttestation(attestationJson)));
        verifier.verify(HexFormat.of().parseHex(sha256Hex), bundle, VerificationOptions.empty());
    }

    /**
     * The message of the verification failure (plus {@code " | cause: "} and the cause's message when the message does
     * not already include it), or {@code null} if {@code minted} verifies.
     */
    String failureOf(Minted minted) throws Exception {
        try {
            verify(minted);
            return null;
        } catch (KeylessVerificationException e) {
            Throwable cause = e.getCause();
            boolean causeSaysMore = cause != null && cause.getMessage() != null && !e.getMessage().contains(cause.getMessage());
            return causeSaysMore ? e.getMessage() + " | cause: " + cause.getMessage() : e.getMessage();
        }
    }
}
