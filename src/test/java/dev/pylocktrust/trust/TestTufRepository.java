package dev.pylocktrust.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TUF repository built in the test with freshly generated ECDSA P-256 keys (one per role), laid out as Sigstore's
 * is served: {@code N.root.json}, {@code timestamp.json}, {@code N.snapshot.json}, {@code N.targets.json} and
 * {@code targets/<sha256>.trusted_root.json} (consistent snapshots). Every change publishes new signed metadata the
 * way a repository maintainer would; {@link #files()} is what a mirror serves.
 */
public final class TestTufRepository {
    private static final ObjectMapper M = new ObjectMapper();
    static final List<String> ROLES = List.of("root", "timestamp", "snapshot", "targets");

    private final Map<String, KeyPair> keys = new LinkedHashMap<>();
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<Integer, byte[]> roots = new LinkedHashMap<>();
    private int rootVersion;
    private int timestampVersion;
    private int snapshotVersion;
    private int targetsVersion;
    private byte[] trustedRoot;
    private String targetPath;
    private Instant metadataExpires;
    private Instant timestampExpires;

    private TestTufRepository() {}

    /**
     * A repository publishing {@code trustedRootJson}; root, snapshot and targets expire a year after
     * {@code now}, the timestamp a week after.
     */
    public static TestTufRepository create(byte[] trustedRootJson, Instant now) {
        TestTufRepository r = new TestTufRepository();
        for (String role : ROLES) {
            r.keys.put(role, newKey());
        }
        r.metadataExpires = now.plus(Duration.ofDays(365)).truncatedTo(ChronoUnit.SECONDS);
        r.timestampExpires = now.plus(Duration.ofDays(7)).truncatedTo(ChronoUnit.SECONDS);
        r.publishRoot(List.of());
        r.trustedRoot = trustedRootJson.clone();
        r.publishTargets();
        return r;
    }

    /** The bootstrap TUF root ({@code 1.root.json}), as a client ships it. */
    public byte[] bootstrapRoot() {
        return roots.get(1).clone();
    }

    /** The files a mirror serves, by path relative to the repository URL. */
    public Map<String, byte[]> files() {
        return files;
    }

    public byte[] trustedRoot() {
        return trustedRoot.clone();
    }

    /** Where the current trusted root target is served, e.g. {@code targets/ab12...trusted_root.json}. */
    public String targetPath() {
        return targetPath;
    }

    public int targetsVersion() {
        return targetsVersion;
    }

    /** Publishes a new trusted root: new targets, snapshot and timestamp versions. */
    public void publishTrustedRoot(byte[] json) {
        trustedRoot = json.clone();
        publishTargets();
    }

    /** Re-signs only the timestamp (a new version) with a new expiry, as Sigstore's online signer does daily. */
    public void publishTimestamp(Instant expires) {
        timestampExpires = expires.truncatedTo(ChronoUnit.SECONDS);
        writeTimestamp();
    }

    /** A new root version with new root and timestamp keys, signed by the old and the new root keys. */
    public void rotateRootAndTimestampKeys() {
        KeyPair oldRoot = keys.get("root");
        keys.put("root", newKey());
        keys.put("timestamp", newKey());
        publishRoot(List.of(oldRoot));
        writeTimestamp();
    }

    /** Serves {@code bytes} where the trusted root target should be, without changing any metadata. */
    public void tamperWithTarget(byte[] bytes) {
        files.put(targetPath, bytes.clone());
    }

    /** Replaces the served targets metadata with one signed by a key the root does not trust. */
    public void signTargetsWithUntrustedKey() {
        KeyPair stranger = newKey();
        ObjectNode signed = (ObjectNode) M.valueToTree(parse(files.get(targetsVersion + ".targets.json"))
                .get("signed"));
        files.put(targetsVersion + ".targets.json", envelope(signed, List.of(stranger)));
    }

    private void publishRoot(List<KeyPair> previousRootKeys) {
        rootVersion++;
        ObjectNode signed = M.createObjectNode();
        signed.put("_type", "root");
        signed.put("spec_version", "1.0");
        signed.put("version", rootVersion);
        signed.put("expires", metadataExpires.toString());
        signed.put("consistent_snapshot", true);
        ObjectNode keyMap = signed.putObject("keys");
        ObjectNode roles = signed.putObject("roles");
        for (String role : ROLES) {
            ObjectNode key = tufKey(keys.get(role));
            String id = keyId(key);
            keyMap.set(id, key);
            ObjectNode r = roles.putObject(role);
            r.putArray("keyids").add(id);
            r.put("threshold", 1);
        }
        List<KeyPair> signers = new java.util.ArrayList<>(previousRootKeys);
        signers.add(keys.get("root"));
        byte[] bytes = envelope(signed, signers);
        roots.put(rootVersion, bytes);
        files.put(rootVersion + ".root.json", bytes);
    }

    private void publishTargets() {
        targetsVersion++;
        String sha256 = hex("SHA-256", trustedRoot);
        String sha512 = hex("SHA-512", trustedRoot);
        ObjectNode signed = meta("targets", targetsVersion, metadataExpires);
        ObjectNode target = signed.putObject("targets").putObject(TufStoreFiles.TRUSTED_ROOT);
        target.put("length", trustedRoot.length);
        target.putObject("hashes").put("sha256", sha256).put("sha512", sha512);
        files.put(targetsVersion + ".targets.json", envelope(signed, List.of(keys.get("targets"))));
        // sigstore-java names targets by sha512 when present (consistent snapshots).
        targetPath = "targets/" + sha512 + "." + TufStoreFiles.TRUSTED_ROOT;
        files.put(targetPath, trustedRoot.clone());
        snapshotVersion++;
        ObjectNode snapshot = meta("snapshot", snapshotVersion, metadataExpires);
        snapshot.putObject("meta").putObject("targets.json").put("version", targetsVersion);
        files.put(snapshotVersion + ".snapshot.json", envelope(snapshot, List.of(keys.get("snapshot"))));
        writeTimestamp();
    }

    private void writeTimestamp() {
        timestampVersion++;
        ObjectNode signed = meta("timestamp", timestampVersion, timestampExpires);
        signed.putObject("meta").putObject("snapshot.json").put("version", snapshotVersion);
        files.put("timestamp.json", envelope(signed, List.of(keys.get("timestamp"))));
    }

    private static ObjectNode meta(String type, int version, Instant expires) {
        ObjectNode signed = M.createObjectNode();
        signed.put("_type", type);
        signed.put("spec_version", "1.0");
        signed.put("version", version);
        signed.put("expires", expires.toString());
        return signed;
    }

    private static byte[] envelope(ObjectNode signed, List<KeyPair> signers) {
        byte[] canonical = CanonicalJson.bytes(signed);
        ObjectNode doc = M.createObjectNode();
        ArrayNode sigs = doc.putArray("signatures");
        for (KeyPair k : signers) {
            sigs.addObject().put("keyid", keyId(tufKey(k))).put("sig", sign(k, canonical));
        }
        doc.set("signed", signed);
        try {
            return M.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode tufKey(KeyPair k) {
        ObjectNode key = M.createObjectNode();
        key.put("keytype", "ecdsa");
        key.put("scheme", "ecdsa-sha2-nistp256");
        key.putArray("keyid_hash_algorithms").add("sha256").add("sha512");
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(k.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
        key.putObject("keyval").put("public", pem);
        return key;
    }

    /** TUF key id: sha256 of the key object's canonical JSON. */
    private static String keyId(ObjectNode key) {
        return hex("SHA-256", CanonicalJson.bytes(key));
    }

    private static String sign(KeyPair k, byte[] data) {
        try {
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initSign(k.getPrivate());
            s.update(data);
            return HexFormat.of().formatHex(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair newKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(String algorithm, byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(byte[] bytes) {
        try {
            return M.readTree(bytes);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
