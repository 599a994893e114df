package dev.pylocktrust.attest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The verification material of an attestation.
 *
 * @param certificate DER bytes of the Fulcio leaf certificate (checked to parse as X.509 when read)
 * @param transparencyEntries the transparency log entries, in Sigstore's protobuf-JSON shape (at least one)
 * @param timestamps RFC 3161 timestamp tokens from the {@code timestamps} extension key (often empty)
 */
public record VerificationMaterial(byte[] certificate, List<TransparencyEntry> transparencyEntries,
                                   List<byte[]> timestamps) {
    static final int MAX_ENTRIES = 8;
    static final int MAX_TIMESTAMPS = 8;

    public VerificationMaterial {
        certificate = certificate.clone();
        transparencyEntries = List.copyOf(transparencyEntries);
        timestamps = timestamps.stream().map(byte[]::clone).toList();
    }

    @Override
    public byte[] certificate() {
        return certificate.clone();
    }

    @Override
    public List<byte[]> timestamps() {
        return timestamps.stream().map(byte[]::clone).toList();
    }

    /** The leaf certificate, parsed. */
    public X509Certificate x509Certificate() {
        return parseCertificate(certificate, "verification_material.certificate");
    }

    static VerificationMaterial fromJson(JsonNode node, String path) {
        byte[] cert = Json.base64(node, "certificate", path);
        parseCertificate(cert, path + ".certificate");
        var entriesNode = Json.array(node, "transparency_entries", path);
        List<TransparencyEntry> entries = new ArrayList<>();
        int i = 0;
        for (JsonNode e : Json.elements(entriesNode, MAX_ENTRIES, path + ".transparency_entries")) {
            entries.add(TransparencyEntry.fromJson(e, path + ".transparency_entries[" + i++ + "]"));
        }
        if (entries.isEmpty()) {
            throw new MalformedAttestationException(path + ".transparency_entries is empty: an attestation needs a "
                    + "transparency log entry");
        }
        List<byte[]> timestamps = new ArrayList<>();
        JsonNode ts = node.get("timestamps");
        if (ts != null && !ts.isNull()) {
            if (!ts.isArray()) {
                throw Json.wrongType(path + ".timestamps", "an array", ts);
            }
            int j = 0;
            for (JsonNode t : Json.elements((com.fasterxml.jackson.databind.node.ArrayNode) ts, MAX_TIMESTAMPS,
                    path + ".timestamps")) {
                String p = path + ".timestamps[" + j++ + "]";
                if (!t.isTextual()) {
                    throw Json.wrongType(p, "a base64 string", t);
                }
                timestamps.add(Json.decodeBase64(t.textValue(), p));
            }
        }
        return new VerificationMaterial(cert, entries, timestamps);
    }

    static X509Certificate parseCertificate(byte[] der, String path) {
        try {
            var cf = CertificateFactory.getInstance("X.509");
            var cert = (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der));
            if (!Arrays.equals(cert.getEncoded(), der)) {
                throw new MalformedAttestationException(path + " has trailing or non-canonical bytes after the "
                        + "DER certificate");
            }
            return cert;
        } catch (CertificateException | RuntimeException e) {
            if (e instanceof MalformedAttestationException m) {
                throw m;
            }
            throw new MalformedAttestationException(path + " is not a DER X.509 certificate: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof VerificationMaterial v) || !Arrays.equals(certificate, v.certificate)
                || !transparencyEntries.equals(v.transparencyEntries) || timestamps.size() != v.timestamps.size()) {
            return false;
        }
        for (int i = 0; i < timestamps.size(); i++) {
            if (!Arrays.equals(timestamps.get(i), v.timestamps.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(certificate) * 31 + transparencyEntries.hashCode();
    }

    @Override
    public String toString() {
        return "VerificationMaterial[certificate=" + certificate.length + " bytes, transparencyEntries="
                + transparencyEntries.size() + ", timestamps=" + timestamps.size() + "]";
    }
}
