package dev.pylocktrust.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.Extension;

/**
 * A Certificate Transparency log that only issues RFC 6962 (section 3.2) v1 SCTs for precertificates, the way Fulcio
 * embeds them: the signature covers {@code version, signature_type=certificate_timestamp, timestamp,
 * entry_type=precert_entry, SHA-256(issuer SubjectPublicKeyInfo), TBSCertificate without the SCT extension,
 * extensions}.
 *
 * @param signingKey the key that really signs
 * @param claimedLogId the 32-byte log id written into the SCT; normally {@code signingKey}'s key id, but a different
 *     (trusted) id models a log that forges another log's identity
 */
record CtLogSigner(EcKey signingKey, byte[] claimedLogId) {

    /** The embedded SCT list extension (RFC 6962 section 3.3). */
    static final ASN1ObjectIdentifier SCT_LIST_OID = new ASN1ObjectIdentifier("1.3.6.1.4.1.11129.2.4.2");

    private static final int PRECERT_ENTRY = 1;
    private static final int HASH_SHA256 = 4;
    private static final int SIGNATURE_ECDSA = 3;

    CtLogSigner {
        if (claimedLogId.length != 32) {
            throw new IllegalArgumentException("a CT log id is 32 bytes, got " + claimedLogId.length);
        }
        claimedLogId = claimedLogId.clone();
    }

    static CtLogSigner honest(EcKey key) {
        return new CtLogSigner(key, key.keyId());
    }

    /** The TLS-encoded {@code SignedCertificateTimestamp} for a precertificate. */
    byte[] sct(byte[] precertTbsDer, byte[] issuerKeyHash, long timestampMillis) {
        ByteArrayOutputStream signed = new ByteArrayOutputStream();
        writeNumber(signed, 0, 1); // sct_version v1
        writeNumber(signed, 0, 1); // signature_type certificate_timestamp
        writeNumber(signed, timestampMillis, 8);
        writeNumber(signed, PRECERT_ENTRY, 2);
        signed.writeBytes(issuerKeyHash);
        writeNumber(signed, precertTbsDer.length, 3);
        signed.writeBytes(precertTbsDer);
        writeNumber(signed, 0, 2); // no CT extensions
        byte[] signature = signingKey.sign(signed.toByteArray());

        ByteArrayOutputStream sct = new ByteArrayOutputStream();
        writeNumber(sct, 0, 1);
        sct.writeBytes(claimedLogId);
        writeNumber(sct, timestampMillis, 8);
        writeNumber(sct, 0, 2);
        writeNumber(sct, HASH_SHA256, 1);
        writeNumber(sct, SIGNATURE_ECDSA, 1);
        writeNumber(sct, signature.length, 2);
        sct.writeBytes(signature);
        return sct.toByteArray();
    }

    /**
     * The X.509 extension carrying {@code scts}: its extnValue is a DER OCTET STRING wrapping the TLS
     * {@code SignedCertificateTimestampList} (two length prefixes: the list's, then each SCT's).
     */
    static Extension sctListExtension(byte[]... scts) {
        ByteArrayOutputStream items = new ByteArrayOutputStream();
        for (byte[] sct : scts) {
            writeNumber(items, sct.length, 2);
            items.writeBytes(sct);
        }
        ByteArrayOutputStream list = new ByteArrayOutputStream();
        writeNumber(list, items.size(), 2);
        list.writeBytes(items.toByteArray());
        try {
            return new Extension(SCT_LIST_OID, false, new DEROctetString(list.toByteArray()).getEncoded(ASN1Encoding.DER));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeNumber(ByteArrayOutputStream out, long value, int bytes) {
        for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift) & 0xff);
        }
    }

    @Override
    public byte[] claimedLogId() {
        return claimedLogId.clone();
    }
}
