package dev.pylocktrust.attest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;

/**
 * The flattened DSSE envelope of an attestation. The payload type is implicitly {@code application/vnd.in-toto+json}.
 *
 * @param statement the raw bytes of the in-toto statement (opaque: signatures are over these exact bytes)
 * @param signature the DER ECDSA signature over the DSSE pre-authentication encoding of the statement
 */
public record Envelope(byte[] statement, byte[] signature) {
    /** The only DSSE payload type PEP 740 allows. */
    public static final String PAYLOAD_TYPE = "application/vnd.in-toto+json";

    public Envelope {
        statement = statement.clone();
        signature = signature.clone();
    }

    @Override
    public byte[] statement() {
        return statement.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    static Envelope fromJson(JsonNode node, String path) {
        return new Envelope(Json.base64(node, "statement", path), Json.base64(node, "signature", path));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Envelope e && Arrays.equals(statement, e.statement) && Arrays.equals(signature, e.signature);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(statement) + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "Envelope[statement=" + statement.length + " bytes, signature=" + signature.length + " bytes]";
    }
}
