package dev.pylocktrust.trust;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One TUF metadata file, parsed and well-formed but not yet trusted: what it says ({@code signed}), the canonical
 * bytes its signatures are over, and the signatures. Whether it is trusted is {@link TufVerification}'s decision.
 *
 * <p>Parsing is strict where ambiguity could let one file mean two things: duplicate object keys are refused (a
 * signature over one reading must not vouch for another), numbers must be integers, and the envelope must be exactly
 * an object with {@code signatures} and {@code signed}.
 *
 * @param file     the file's name, for messages ({@code 3.root.json}, {@code timestamp.json})
 * @param type     the role ({@code root}, {@code timestamp}, {@code snapshot}, {@code targets})
 * @param raw      the bytes as read (what is cached after verification)
 */
record TufMetadata(String file, String type, int version, Instant expires, JsonNode signed, byte[] canonical,
                   List<Sig> signatures, byte[] raw) {
    /** Most signatures read from one file (Sigstore's root has five). */
    static final int MAX_SIGNATURES = 256;
    private static final Pattern HEX = Pattern.compile("(?:[0-9a-fA-F]{2}){1,1024}");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** A signature entry: the key id it claims, and the signature bytes. */
    record Sig(String keyid, byte[] value) {}

    TufMetadata {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(expires, "expires");
        signatures = List.copyOf(signatures);
    }

    /**
     * @param type the role the file must be ({@code signed._type})
     * @throws TufCheckException {@link TufCheck#MALFORMED}, naming the file and what is wrong
     */
    static TufMetadata parse(String file, String type, byte[] raw) throws TufCheckException {
        JsonNode doc;
        try {
            doc = JSON.readTree(raw);
        } catch (JsonProcessingException e) {
            throw malformed(file, "not valid JSON (or a key appears twice)");
        } catch (IOException e) {
            throw malformed(file, "not valid JSON");
        }
        if (doc == null || !doc.isObject() || doc.size() != 2 || !doc.path("signed").isObject()
                || !doc.path("signatures").isArray()) {
            throw malformed(file, "not TUF metadata (an object with signatures and signed)");
        }
        JsonNode signed = doc.get("signed");
        if (!type.equals(signed.path("_type").asText())) {
            throw malformed(file, "not " + type + " metadata");
        }
        if (!signed.path("spec_version").asText().startsWith("1.")) {
            throw malformed(file, "not TUF 1.x metadata (spec_version)");
        }
        JsonNode v = signed.get("version");
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber() || v.intValue() < 1) {
            throw malformed(file, "no valid version");
        }
        Instant expires;
        try {
            expires = ZonedDateTime.parse(signed.path("expires").asText()).toInstant();
        } catch (DateTimeParseException e) {
            throw malformed(file, "no valid expiry");
        }
        byte[] canonical;
        try {
            canonical = TufCanonicalJson.bytes(signed);
        } catch (IllegalArgumentException e) {
            throw malformed(file, "not canonical JSON (" + e.getMessage() + ")");
        }
        JsonNode sigs = doc.get("signatures");
        if (sigs.size() > MAX_SIGNATURES) {
            throw malformed(file, "more than " + MAX_SIGNATURES + " signatures");
        }
        List<Sig> signatures = new ArrayList<>(sigs.size());
        for (JsonNode s : sigs) {
            String keyid = s.path("keyid").asText("");
            String sig = s.path("sig").asText("");
            if (keyid.isEmpty() || !HEX.matcher(sig).matches()) {
                // Unreadable entries cannot count toward a threshold; the others still may.
                continue;
            }
            signatures.add(new Sig(keyid, HexFormat.of().parseHex(sig)));
        }
        return new TufMetadata(file, type, v.intValue(), expires, signed, canonical, signatures, raw.clone());
    }

    /** The same metadata under another name, for messages. */
    TufMetadata named(String name) {
        return new TufMetadata(name, type, version, expires, signed, canonical, signatures, raw);
    }

    static TufCheckException malformed(String file, String what) {
        return new TufCheckException(TufCheck.MALFORMED, file + ": " + what);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TufMetadata m && m.file.equals(file) && java.util.Arrays.equals(m.raw, raw);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "TufMetadata[" + file + ", " + type + " version " + version + ", expires " + expires + "]";
    }
}
