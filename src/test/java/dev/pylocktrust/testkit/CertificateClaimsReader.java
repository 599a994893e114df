package dev.pylocktrust.testkit;

import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1UTF8String;

/**
 * Reads back, independently of how the testkit wrote them, the identity claims of a leaf certificate: the SAN and the
 * Fulcio extensions (raw for arcs 1-6, DER UTF8String for arcs 8 and up). Test helper.
 */
final class CertificateClaimsReader {

    private CertificateClaimsReader() {}

    /** The value of Fulcio extension {@code arc}, decoded per its encoding, or {@code null} if absent. */
    static String extension(X509Certificate certificate, int arc) {
        byte[] extnValue = certificate.getExtensionValue(FulcioClaims.oid(arc));
        if (extnValue == null) {
            return null;
        }
        byte[] content = ASN1OctetString.getInstance(extnValue).getOctets();
        if (arc <= 6) {
            return new String(content, StandardCharsets.UTF_8);
        }
        return ASN1UTF8String.getInstance(content).getString();
    }

    /** Every Fulcio extension present, by arc. */
    static TreeMap<Integer, String> extensions(X509Certificate certificate) {
        TreeMap<Integer, String> values = new TreeMap<>();
        for (int arc = 1; arc <= 40; arc++) {
            String value = extension(certificate, arc);
            if (value != null) {
                values.put(arc, value);
            }
        }
        return values;
    }

    /** The single SAN as {@code "uri:..."} or {@code "email:..."}. */
    static String san(X509Certificate certificate) throws CertificateParsingException {
        Collection<List<?>> names = certificate.getSubjectAlternativeNames();
        if (names == null || names.size() != 1) {
            throw new AssertionError("expected exactly one SAN, got " + names);
        }
        List<?> name = names.iterator().next();
        int type = (Integer) name.get(0);
        return switch (type) {
            case 1 -> "email:" + name.get(1);
            case 6 -> "uri:" + name.get(1);
            default -> "type" + type + ":" + name.get(1);
        };
    }
}
