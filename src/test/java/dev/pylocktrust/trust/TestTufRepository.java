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
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A TUF repository built in the test with freshly generated ECDSA P-256 keys, laid out as Sigstore's is served:
 * {@code N.root.json}, {@code timestamp.json}, {@code N.snapshot.json}, {@code N.targets.json} and
 * {@code targets/<sha512>.trusted_root.json} (consistent snapshots). Every change publishes new signed metadata the
 * way a repository maintainer would; {@link #files()} is what a mirror serves, old versions included.
 *
 * <p>By default each role has one key; with a threshold t above 1, each role has t + 1 keys of which t must sign.
 * {@link #keys} hands them out so that a test can play an attacker who stole some, and the static helpers sign any
 * metadata with any key ids, for forgeries.
 */
public final class TestTufRepository {
    private static final ObjectMapper M = new ObjectMapper();
    static final List<String> ROLES = List.of("root", "timestamp", "snapshot", "targets");

    /** One signature entry to make: the key id to claim, and the key that really signs. */
    public record Signer(String keyid, KeyPair key) {
        /** An honest signer: the key id is the key's own. */
        public static Signer of(KeyPair key) {
            return new Signer(keyId(key), key);
        }
    }

    private final int threshold;
    private final Map<String, List<KeyPair>> keys = new LinkedHashMap<>();
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

    private TestTufRepository(int threshold) {
        this.threshold = threshold;
    }

    /**
     * A repository publishing {@code trustedRootJson}, one key per role; root, snapshot and targets expire a year
     * after {@code now}, the timestamp a week after.
     */
    public static TestTufRepository create(byte[] trustedRootJson, Instant now) {
        return create(trustedRootJson, now, 1);
    }

    /** As {@link #create(byte[], Instant)} with {@code threshold + 1} keys per role, {@code threshold} of them needed. */
    public static TestTufRepository create(byte[] trustedRootJson, Instant now, int threshold) {
        TestTufRepository r = new TestTufRepository(threshold);
        int count = threshold == 1 ? 1 : threshold + 1;
        for (String role : ROLES) {
            List<KeyPair> roleKeys = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                roleKeys.add(newKey());
            }
            r.keys.put(role, roleKeys);
        }
        r.metadataExpires = now.plus(Duration.ofDays(365)).truncatedTo(ChronoUnit.SECONDS);
        r.timestampExpires = now.plus(Duration.ofDays(7)).truncatedTo(ChronoUnit.SECONDS);
        r.publishRoot(List.of());
        r.trustedRoot = trustedRootJson.clone();
        r.publishTargets(r.trustedRootListing());
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

    public int rootVersion() {
        return rootVersion;
    }

    public int snapshotVersion() {
        return snapshotVersion;
    }

    public int targetsVersion() {
        return targetsVersion;
    }

    public int threshold() {
        return threshold;
    }

    /** The keys of {@code role} now (a test playing an attacker may "steal" some). */
    public List<KeyPair> keys(String role) {
        return List.copyOf(keys.get(role));
    }

    /** The expiry of the timestamps published from now on. */
    public Instant timestampExpires() {
        return timestampExpires;
    }

    public Instant metadataExpires() {
        return metadataExpires;
    }

    /** Publishes a new trusted root: new targets, snapshot and timestamp versions. */
    public void publishTrustedRoot(byte[] json) {
        trustedRoot = json.clone();
        publishTargets(trustedRootListing());
    }

    /**
     * Publishes targets metadata that does not list {@code trusted_root.json} itself but delegates every path
     * ({@code *}) to a role {@code third-party} signed by {@code delegate}, as a repository may for another party.
     */
    public void publishDelegationOfEverythingTo(KeyPair delegate) {
        publishTargets(signed -> {
            signed.putObject("targets");
            ObjectNode delegations = signed.putObject("delegations");
            delegations.putObject("keys").set(keyId(delegate), tufKey(delegate));
            ObjectNode role = delegations.putArray("roles").addObject();
            role.put("name", "third-party");
            role.putArray("keyids").add(keyId(delegate));
            role.put("threshold", 1);
            role.putArray("paths").add("*");
            role.put("terminating", false);
        });
    }

    /** Re-signs only the timestamp (a new version) with a new expiry, as Sigstore's online signer does daily. */
    public void publishTimestamp(Instant expires) {
        timestampExpires = expires.truncatedTo(ChronoUnit.SECONDS);
        writeTimestamp();
    }

    /** A new root version with new root and timestamp keys, signed by the old and the new root keys. */
    public void rotateRootAndTimestampKeys() {
        List<KeyPair> oldRoot = keys.get("root");
        keys.put("root", fresh(oldRoot.size()));
        keys.put("timestamp", fresh(keys.get("timestamp").size()));
        publishRoot(oldRoot);
        writeTimestamp();
    }

    /** Serves {@code bytes} where the trusted root target should be, without changing any metadata. */
    public void tamperWithTarget(byte[] bytes) {
        files.put(targetPath, bytes.clone());
    }

    /** Replaces the served targets metadata with one signed by a key the root does not trust. */
    public void signTargetsWithUntrustedKey() {
        ObjectNode signed = signedPart(files.get(targetsVersion + ".targets.json"));
        files.put(targetsVersion + ".targets.json", envelope(signed, List.of(Signer.of(newKey()))));
    }

    /** The {@code signed} object of metadata {@code bytes}, as a mutable tree. */
    public static ObjectNode signedPart(byte[] bytes) {
        return (ObjectNode) parse(bytes).get("signed").deepCopy();
    }

    /** Root, snapshot and targets metadata as this repository writes it: {@code _type}, version, expiry. */
    public static ObjectNode meta(String type, int version, Instant expires) {
        ObjectNode signed = M.createObjectNode();
        signed.put("_type", type);
        signed.put("spec_version", "1.0");
        signed.put("version", version);
        signed.put("expires", expires.toString());
        return signed;
    }

    /** A {@code targets} object listing {@code trustedRoot} with its length, sha256 and sha512. */
    public static void listTrustedRoot(ObjectNode targetsSigned, byte[] trustedRoot) {
        ObjectNode target = targetsSigned.putObject("targets").putObject(TufVerification.TRUSTED_ROOT);
        target.put("length", trustedRoot.length);
        target.putObject("hashes").put("sha256", hex("SHA-256", trustedRoot)).put("sha512", hex("SHA-512", trustedRoot));
    }

    /**
     * Root metadata of {@code version} in which every role is held by {@code holders} (each role: all of them,
     * threshold {@code threshold}).
     */
    public static ObjectNode rootMeta(int version, Instant expires, List<KeyPair> holders, int threshold) {
        ObjectNode signed = meta("root", version, expires);
        signed.put("consistent_snapshot", true);
        ObjectNode keyMap = signed.putObject("keys");
        ObjectNode roles = signed.putObject("roles");
        for (KeyPair k : holders) {
            keyMap.set(keyId(k), tufKey(k));
        }
        for (String role : ROLES) {
            ObjectNode r = roles.putObject(role);
            ArrayNode ids = r.putArray("keyids");
            holders.forEach(k -> ids.add(keyId(k)));
            r.put("threshold", threshold);
        }
        return signed;
    }

    /** The metadata file: {@code signed}, with one signature entry per signer (in order, duplicates kept). */
    public static byte[] envelope(ObjectNode signed, List<Signer> signers) {
        byte[] canonical = TufCanonicalJson.bytes(signed);
        ObjectNode doc = M.createObjectNode();
        ArrayNode sigs = doc.putArray("signatures");
        for (Signer s : signers) {
            sigs.addObject().put("keyid", s.keyid()).put("sig", sign(s.key(), canonical));
        }
        doc.set("signed", signed);
        try {
            return M.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** As {@link #envelope(ObjectNode, List)}, signed honestly by {@code keys}. */
    public static byte[] signedBy(ObjectNode signed, List<KeyPair> keys) {
        return envelope(signed, keys.stream().map(Signer::of).toList());
    }

    private void publishRoot(List<KeyPair> previousRootKeys) {
        rootVersion++;
        ObjectNode signed = meta("root", rootVersion, metadataExpires);
        signed.put("consistent_snapshot", true);
        ObjectNode keyMap = signed.putObject("keys");
        ObjectNode roles = signed.putObject("roles");
        for (String role : ROLES) {
            ObjectNode r = roles.putObject(role);
            ArrayNode ids = r.putArray("keyids");
            for (KeyPair k : keys.get(role)) {
                keyMap.set(keyId(k), tufKey(k));
                ids.add(keyId(k));
            }
            r.put("threshold", threshold);
        }
        List<KeyPair> signers = new ArrayList<>(previousRootKeys);
        signers.addAll(keys.get("root"));
        byte[] bytes = signedBy(signed, signers);
        roots.put(rootVersion, bytes);
        files.put(rootVersion + ".root.json", bytes);
    }

    private Consumer<ObjectNode> trustedRootListing() {
        return signed -> listTrustedRoot(signed, trustedRoot);
    }

    private void publishTargets(Consumer<ObjectNode> content) {
        targetsVersion++;
        ObjectNode signed = meta("targets", targetsVersion, metadataExpires);
        content.accept(signed);
        files.put(targetsVersion + ".targets.json", signedBy(signed, keys.get("targets")));
        JsonNode listed = signed.path("targets").path(TufVerification.TRUSTED_ROOT);
        if (listed.isObject()) {
            // sigstore-java and pylock-trust name targets by sha512 when present (consistent snapshots).
            targetPath = "targets/" + listed.path("hashes").path("sha512").asText() + "."
                    + TufVerification.TRUSTED_ROOT;
            files.put(targetPath, trustedRoot.clone());
        }
        snapshotVersion++;
        ObjectNode snapshot = meta("snapshot", snapshotVersion, metadataExpires);
        snapshot.putObject("meta").putObject("targets.json").put("version", targetsVersion);
        files.put(snapshotVersion + ".snapshot.json", signedBy(snapshot, keys.get("snapshot")));
        writeTimestamp();
    }

    private void writeTimestamp() {
        timestampVersion++;
        ObjectNode signed = meta("timestamp", timestampVersion, timestampExpires);
        signed.putObject("meta").putObject("snapshot.json").put("version", snapshotVersion);
        files.put("timestamp.json", signedBy(signed, keys.get("timestamp")));
    }

    private static List<KeyPair> fresh(int count) {
        List<KeyPair> l = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            l.add(newKey());
        }
        return l;
    }

    public static ObjectNode tufKey(KeyPair k) {
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
    public static String keyId(KeyPair k) {
        return hex("SHA-256", TufCanonicalJson.bytes(tufKey(k)));
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

    public static KeyPair newKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(String algorithm, byte[] data) {
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
