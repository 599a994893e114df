package dev.pylocktrust.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TUF rules of {@link TufVerification} that a writer of the cache cannot reach without a repository's keys, so
 * that {@code TufCacheForgeryTest} does not exercise them: what a signed root may say (one key under two ids, a
 * threshold of 0, keys of other schemes), rollback against a state trusted earlier, the hashes a listing gives, and
 * the supported signature schemes. Metadata is built here and read from a directory as the cache would be.
 */
class TufVerificationTest {
    static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    static final Instant YEAR = NOW.plus(Duration.ofDays(365));
    static final byte[] TRUSTED_ROOT = "{\"mediaType\":\"application/vnd.dev.sigstore.trustedroot+json;version=0.1\"}"
            .getBytes(StandardCharsets.UTF_8);
    static final ObjectMapper M = new ObjectMapper();

    @TempDir
    Path dir;

    final KeyPair rootKey = TestTufRepository.newKey();
    final KeyPair onlineKey = TestTufRepository.newKey();

    /** Root metadata: {@code rootKey} for root (threshold 1), {@code onlineKey} for the rest unless changed. */
    ObjectNode root(int version) {
        ObjectNode signed = TestTufRepository.rootMeta(version, YEAR, List.of(rootKey), 1);
        signed.with("keys").set(TestTufRepository.keyId(onlineKey), TestTufRepository.tufKey(onlineKey));
        for (String role : List.of("timestamp", "snapshot", "targets")) {
            signed.with("roles").with(role).putArray("keyids").add(TestTufRepository.keyId(onlineKey));
        }
        return signed;
    }

    /** A complete chain (timestamp 1, snapshot 1, targets 1) signed by {@code signer}, listing TRUSTED_ROOT. */
    Map<String, byte[]> chain(KeyPair signer) {
        return TufForgery.chain(TRUSTED_ROOT, List.of(), List.of(signer), 0);
    }

    VerifiedTuf verify(ObjectNode pinned, Map<String, byte[]> files) throws Exception {
        return verify(pinned, files, Optional.empty());
    }

    VerifiedTuf verify(ObjectNode pinned, Map<String, byte[]> files, Optional<VerifiedTuf> trusted) throws Exception {
        Path generation = dir.resolve("g" + System.nanoTime());
        LoopbackTuf.write(generation, files);
        return TufVerification.verify(TestTufRepository.signedBy(pinned, List.of(rootKey)),
                new TufGeneration(generation), trusted);
    }

    @Test
    void theControlAConsistentChainVerifies() throws Exception {
        VerifiedTuf v = verify(root(1), chain(onlineKey));

        assertThat(v.trustedRoot()).isEqualTo(TRUSTED_ROOT);
        assertThat(v.roles().version()).isEqualTo(1);
        assertThat(v.expires()).isEqualTo(YEAR);
        v.requireUnexpired(NOW);
        assertThatThrownBy(() -> v.requireUnexpired(YEAR)).isInstanceOfSatisfying(TufCheckException.class,
                e -> assertThat(e.check()).isEqualTo(TufCheck.EXPIRED))
                .hasMessage("1.root.json (pinned): expired at " + YEAR);
    }

    @Test
    void oneKeyListedUnderTwoIdsCountsOnceTowardTheThreshold() {
        ObjectNode pinned = root(1);
        ObjectNode sameKeyAgain = TestTufRepository.tufKey(onlineKey).put("x-note", "the same key under another id");
        pinned.with("keys").set("second-id", sameKeyAgain);
        pinned.with("roles").with("timestamp").withArray("keyids").add("second-id");
        pinned.with("roles").with("timestamp").put("threshold", 2);
        Map<String, byte[]> files = chain(onlineKey);
        ObjectNode timestamp = TestTufRepository.signedPart(files.get(TufGeneration.TIMESTAMP));
        files.put(TufGeneration.TIMESTAMP, TestTufRepository.envelope(timestamp, List.of(
                TestTufRepository.Signer.of(onlineKey), new TestTufRepository.Signer("second-id", onlineKey))));

        assertThatThrownBy(() -> verify(pinned, files)).isInstanceOfSatisfying(TufCheckException.class,
                e -> assertThat(e.check()).isEqualTo(TufCheck.SIGNATURES))
                .hasMessage("timestamp.json: not signed by enough trusted keys (threshold 2, valid signatures 1)");
    }

    @Test
    void aThresholdBelowOneIsMalformedNotAFreePass() {
        ObjectNode pinned = root(1);
        pinned.with("roles").with("targets").put("threshold", 0);

        assertThatThrownBy(() -> verify(pinned, chain(onlineKey))).isInstanceOfSatisfying(TufCheckException.class,
                e -> assertThat(e.check()).isEqualTo(TufCheck.MALFORMED))
                .hasMessage("1.root.json (pinned): the targets role has no key ids or a threshold below 1");
    }

    @Test
    void aKeyOfAnUnsupportedSchemeNeverCounts() {
        ObjectNode pinned = root(1);
        pinned.with("keys").set(TestTufRepository.keyId(onlineKey), TestTufRepository.tufKey(onlineKey)
                .put("scheme", "ecdsa-sha2-nistp384"));

        assertThatThrownBy(() -> verify(pinned, chain(onlineKey)))
                .hasMessage("timestamp.json: not signed by enough trusted keys (threshold 1, valid signatures 0)");
    }

    @Test
    void aRootFileHoldingAnotherVersionIsRejected() {
        ObjectNode three = root(3);
        Map<String, byte[]> files = chain(onlineKey);
        files.put("2.root.json", TestTufRepository.signedBy(three, List.of(rootKey)));

        assertThatThrownBy(() -> verify(root(1), files)).isInstanceOfSatisfying(TufCheckException.class,
                e -> assertThat(e.check()).isEqualTo(TufCheck.VERSION))
                .hasMessage("2.root.json: holds version 3, not 2");
    }

    @Test
    void aRotationMustBeSignedByThePreviousRootAndItsOwnKeys() throws Exception {
        KeyPair newRootKey = TestTufRepository.newKey();
        ObjectNode two = root(2);
        two.with("keys").set(TestTufRepository.keyId(newRootKey), TestTufRepository.tufKey(newRootKey));
        two.with("roles").with("root").putArray("keyids").add(TestTufRepository.keyId(newRootKey));
        Map<String, byte[]> files = chain(onlineKey);

        files.put("2.root.json", TestTufRepository.signedBy(two, List.of(rootKey)));
        assertThatThrownBy(() -> verify(root(1), files))
                .hasMessage("2.root.json: not signed by enough of its own root keys (threshold 1, valid signatures 0)");

        files.put("2.root.json", TestTufRepository.signedBy(two, List.of(newRootKey)));
        assertThatThrownBy(() -> verify(root(1), files))
                .hasMessage("2.root.json: not signed by enough keys of TUF root version 1 (threshold 1, valid "
                        + "signatures 0)");

        files.put("2.root.json", TestTufRepository.signedBy(two, List.of(rootKey, newRootKey)));
        assertThat(verify(root(1), files).roles().version()).isEqualTo(2);
    }

    @Test
    void theLengthAndHashesAListingGivesAreChecked() {
        Map<String, byte[]> files = chain(onlineKey);
        byte[] snapshot = files.get(TufGeneration.SNAPSHOT);
        ObjectNode timestamp = TestTufRepository.signedPart(files.get(TufGeneration.TIMESTAMP));
        timestamp.with("meta").with("snapshot.json").put("length", snapshot.length)
                .putObject("hashes").put("sha256", TestTufRepository.hex("SHA-256", snapshot));
        files.put(TufGeneration.TIMESTAMP, TestTufRepository.signedBy(timestamp, List.of(onlineKey)));
        // Reformatted, same length: the signature (over canonical JSON) still holds, the listed hash does not.
        files.put(TufGeneration.SNAPSHOT, new String(snapshot, StandardCharsets.UTF_8).replace('\n', ' ')
                .getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> verify(root(1), files)).isInstanceOfSatisfying(TufCheckException.class,
                e -> assertThat(e.check()).isEqualTo(TufCheck.HASHES))
                .hasMessage("snapshot.json: does not match the sha256 in timestamp.json (tampered or corrupted)");
    }

    @Test
    void aTimestampOlderThanTheTrustedOneIsARollbackUnlessTheTimestampKeysRotated() throws Exception {
        Map<String, byte[]> newer = chain(onlineKey);
        ObjectNode five = TestTufRepository.signedPart(newer.get(TufGeneration.TIMESTAMP)).put("version", 5);
        newer.put(TufGeneration.TIMESTAMP, TestTufRepository.signedBy(five, List.of(onlineKey)));
        VerifiedTuf trusted = verify(root(1), newer);

        assertThatThrownBy(() -> verify(root(1), chain(onlineKey), Optional.of(trusted)))
                .isInstanceOfSatisfying(TufCheckException.class, e -> assertThat(e.check()).isEqualTo(TufCheck.VERSION))
                .hasMessage("timestamp.json: version 1 is older than the trusted version 5 (a rollback attack, or a "
                        + "broken mirror)");

        // TUF 5.3.11: a new timestamp key resets the floor (how a repository recovers from a fast-forward attack).
        KeyPair newTimestampKey = TestTufRepository.newKey();
        ObjectNode two = root(2);
        two.with("keys").set(TestTufRepository.keyId(newTimestampKey), TestTufRepository.tufKey(newTimestampKey));
        two.with("roles").with("timestamp").putArray("keyids").add(TestTufRepository.keyId(newTimestampKey));
        Map<String, byte[]> rotated = chain(onlineKey);
        ObjectNode one = TestTufRepository.signedPart(rotated.get(TufGeneration.TIMESTAMP));
        rotated.put(TufGeneration.TIMESTAMP, TestTufRepository.signedBy(one, List.of(newTimestampKey)));
        rotated.put("2.root.json", TestTufRepository.signedBy(two, List.of(rootKey)));
        assertThat(verify(root(1), rotated, Optional.of(trusted)).timestamp().version()).isEqualTo(1);
    }

    @Test
    void aSnapshotThatDropsOrLowersWhatTheTrustedOneListedIsARollback() throws Exception {
        Map<String, byte[]> before = chain(onlineKey);
        ObjectNode snapshot = TestTufRepository.signedPart(before.get(TufGeneration.SNAPSHOT));
        snapshot.with("meta").putObject("registry.npmjs.org.json").put("version", 8);
        before.put(TufGeneration.SNAPSHOT, TestTufRepository.signedBy(snapshot, List.of(onlineKey)));
        VerifiedTuf trusted = verify(root(1), before);

        assertThatThrownBy(() -> verify(root(1), chain(onlineKey), Optional.of(trusted)))
                .hasMessage("snapshot.json: registry.npmjs.org.json version 0 is older than the trusted version 8 (a "
                        + "rollback attack, or a broken mirror)");
    }

    @Test
    void ed25519AndRsaPssKeysVerifyLikeEcdsa() throws Exception {
        KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] spki = ed.getPublic().getEncoded();
        ObjectNode edKey = M.createObjectNode().put("keytype", "ed25519").put("scheme", "ed25519");
        edKey.putObject("keyval").put("public", HexFormat.of().formatHex(spki, spki.length - 32, spki.length));
        KeyPairGenerator rsaGen = KeyPairGenerator.getInstance("RSA");
        rsaGen.initialize(2048);
        KeyPair rsa = rsaGen.generateKeyPair();
        ObjectNode rsaKey = M.createObjectNode().put("keytype", "rsa").put("scheme", "rsassa-pss-sha256");
        rsaKey.putObject("keyval").put("public", "-----BEGIN PUBLIC KEY-----\n" + java.util.Base64.getMimeEncoder()
                .encodeToString(rsa.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        byte[] data = "canonical bytes".getBytes(StandardCharsets.UTF_8);

        Signature edSigner = Signature.getInstance("Ed25519");
        edSigner.initSign(ed.getPrivate());
        edSigner.update(data);
        Signature pss = Signature.getInstance("RSASSA-PSS");
        pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        pss.initSign(rsa.getPrivate());
        pss.update(data);

        assertThat(TufKey.parse(edKey).verifies(data, edSigner.sign())).isTrue();
        assertThat(TufKey.parse(rsaKey).verifies(data, pss.sign())).isTrue();
        assertThat(TufKey.parse(edKey).verifies(data, new byte[64])).isFalse();
        assertThat(TufKey.parse(M.createObjectNode().put("keytype", "ed25519").put("scheme", "ed25519"))
                .publicKey()).isEmpty();
    }

    @Test
    void anEnvelopeWithMoreThanSignaturesAndSignedIsMalformed() throws IOException {
        ObjectNode doc = (ObjectNode) M.readTree(chain(onlineKey).get(TufGeneration.TIMESTAMP));
        doc.put("extra", "unsigned text a reader might trust");

        assertThatThrownBy(() -> TufMetadata.parse("timestamp.json", "timestamp", M.writeValueAsBytes(doc)))
                .hasMessage("timestamp.json: not TUF metadata (an object with signatures and signed)");
    }

    @Test
    void canonicalJsonIsSecuresystemslibsNotRfc8785() throws IOException {
        var node = M.readTree("{\"b\":[1,true,null,\"x\\\"y\\\\z\"],\"a\":{\"\\u00e9\":\"\\n\",\"\\ud83d\\ude00\":1,"
                + "\"\\uffff\":2}}");

        // Code point order: U+00E9, U+FFFF, U+1F600 (Java's UTF-16 order would put the emoji before U+FFFF).
        assertThat(new String(TufCanonicalJson.bytes(node), StandardCharsets.UTF_8)).isEqualTo(
                "{\"a\":{\"\u00e9\":\"\n\",\"\uffff\":2,\"\ud83d\ude00\":1},\"b\":[1,true,null,\"x\\\"y\\\\z\"]}");
        assertThatThrownBy(() -> TufCanonicalJson.bytes(M.readTree("{\"a\":1.5}")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
