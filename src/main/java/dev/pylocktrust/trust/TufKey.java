package dev.pylocktrust.trust;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A public key from TUF root metadata and the one signature scheme it may be used with. The supported schemes are
 * those sigstore-java's TUF client supports: {@code ecdsa-sha2-nistp256} (key type {@code ecdsa}, or
 * {@code ecdsa-sha2-nistp256} as some tools write it; PEM), {@code ed25519} (64 hex digits) and
 * {@code rsassa-pss-sha256} (key type {@code rsa}; PEM). A key of another scheme, or one that does not parse, is kept
 * but verifies nothing: a root may list keys a client does not understand, they just never count toward a threshold.
 *
 * @param identity the key's DER encoding (SubjectPublicKeyInfo) in hex, or empty when unusable: thresholds count
 *                 distinct identities, so one key listed under two key ids is still one key
 */
record TufKey(String scheme, Optional<PublicKey> publicKey, String identity) {
    /** P-256's group order: the curve check for {@code ecdsa-sha2-nistp256}. */
    private static final BigInteger P256_ORDER =
            new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);
    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final Pattern PEM = Pattern.compile(
            "\\s*-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\\s]{1,16384})-----END PUBLIC KEY-----\\s*");
    private static final Pattern HEX_32 = Pattern.compile("[0-9a-fA-F]{64}");

    /** The key described by a TUF key object; never throws (an unusable key verifies nothing). */
    static TufKey parse(JsonNode key) {
        String type = key.path("keytype").asText("");
        String scheme = key.path("scheme").asText("");
        String material = key.path("keyval").path("public").asText("");
        Optional<PublicKey> pk = Optional.empty();
        try {
            if (scheme.equals("ecdsa-sha2-nistp256") && (type.equals("ecdsa") || type.equals(scheme))) {
                pk = pem(material, "EC").filter(k -> k instanceof ECPublicKey ec
                        && ec.getParams().getOrder().equals(P256_ORDER));
            } else if (scheme.equals("ed25519") && type.equals("ed25519") && HEX_32.matcher(material).matches()) {
                byte[] raw = HexFormat.of().parseHex(material);
                byte[] spki = new byte[ED25519_SPKI_PREFIX.length + raw.length];
                System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
                System.arraycopy(raw, 0, spki, ED25519_SPKI_PREFIX.length, raw.length);
                pk = Optional.of(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki)));
            } else if (scheme.equals("rsassa-pss-sha256") && type.equals("rsa")) {
                pk = pem(material, "RSA");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            pk = Optional.empty();
        }
        return new TufKey(scheme, pk, pk.map(k -> HexFormat.of().formatHex(k.getEncoded())).orElse(""));
    }

    private static Optional<PublicKey> pem(String text, String algorithm) throws GeneralSecurityException {
        var m = PEM.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        byte[] der = Base64.getMimeDecoder().decode(m.group(1));
        return Optional.of(KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der)));
    }

    /** Whether {@code signature} is this key's signature of {@code data} under its scheme. Never throws. */
    boolean verifies(byte[] data, byte[] signature) {
        if (publicKey.isEmpty()) {
            return false;
        }
        try {
            Signature s = switch (scheme) {
                case "ecdsa-sha2-nistp256" -> Signature.getInstance("SHA256withECDSA");
                case "ed25519" -> Signature.getInstance("Ed25519");
                default -> {
                    Signature pss = Signature.getInstance("RSASSA-PSS");
                    pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                    yield pss;
                }
            };
            s.initVerify(publicKey.get());
            s.update(data);
            return s.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
