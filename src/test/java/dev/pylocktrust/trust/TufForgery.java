package dev.pylocktrust.trust;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a writer of the cache directory (on CI: anyone who can write a shared cache entry) can plant in the TUF cache
 * to make pylock-trust trust an attacker's Sigstore root, one constant per forgery, each with the check that must
 * catch it. Shared by {@code TufCacheForgeryTest} (what the cache lookup reports) and the CLI's
 * {@code TrustRootCacheForgeryTest} (an attestation minted by the attacker's root is rejected end to end).
 *
 * <p>The world ({@link #world}): a repository with two of three keys required for every role, which once published
 * the attacker's root (think: a CA later found compromised), then replaced it with the honest one. The attacker
 * holds the old, expired metadata of that time, can read everything the repository publishes, and in some forgeries
 * has stolen one key: never enough to reach a threshold.
 */
public enum TufForgery {
    /** The reviewer's reproduction: every file unsigned, root version 2 (and 99) with the attacker's keys. */
    UNSIGNED {
        @Override
        public Expected plant(World w) {
            Map<String, byte[]> files = w.attackerChain(List.of(), 2);
            files.put("root.json", TestTufRepository.envelope(TestTufRepository.rootMeta(99, FAR, w.attackerKeys, 1),
                    List.of()));
            w.tuf.plant(files, w.now);
            return new Expected(TufCheck.SIGNATURES, "2.root.json: not signed by enough keys of TUF root version 1 "
                    + "(threshold 2, valid signatures 0)");
        }
    },
    /** Timestamp, snapshot and targets signed by keys the root does not name. */
    WRONG_KEY {
        @Override
        public Expected plant(World w) {
            Map<String, byte[]> files = w.attackerChain(w.attackerKeys, 0);
            w.tuf.plant(files, w.now);
            return new Expected(TufCheck.SIGNATURES, "timestamp.json: not signed by enough trusted keys (threshold 2, "
                    + "valid signatures 0)");
        }
    },
    /** Targets listing the attacker's root, signed by one stolen targets key of the two needed. */
    BELOW_THRESHOLD {
        @Override
        public Expected plant(World w) {
            return w.forgedTargets(List.of(TestTufRepository.Signer.of(w.stolenTargetsKey())));
        }
    },
    /** The same, with the stolen key's signature twice: one key counts once. */
    DUPLICATE_SIGNATURE {
        @Override
        public Expected plant(World w) {
            var stolen = TestTufRepository.Signer.of(w.stolenTargetsKey());
            return w.forgedTargets(List.of(stolen, stolen, TestTufRepository.Signer.of(w.stolenTargetsKey())));
        }
    },
    /** The stolen key's signature, plus one by the attacker's key claiming the other targets key's id. */
    RELABELLED_KEY_ID {
        @Override
        public Expected plant(World w) {
            String otherId = TestTufRepository.keyId(w.tuf.repo.keys("targets").get(1));
            return w.forgedTargets(List.of(TestTufRepository.Signer.of(w.stolenTargetsKey()),
                    new TestTufRepository.Signer(otherId, w.attackerKeys.get(0))));
        }
    },
    /**
     * A root rotation to the attacker's keys, signed by those keys (its own threshold) and one stolen root key of the
     * two the previous root requires.
     */
    ROTATION_SIGNED_BY_THE_NEW_KEYS {
        @Override
        public Expected plant(World w) {
            Map<String, byte[]> files = w.attackerChain(w.attackerKeys, 0);
            ObjectNode root = TestTufRepository.rootMeta(2, FAR, w.attackerKeys, 1);
            files.put("2.root.json", TestTufRepository.signedBy(root, List.of(w.tuf.repo.keys("root").get(0),
                    w.attackerKeys.get(0), w.attackerKeys.get(1))));
            w.tuf.plant(files, w.now);
            return new Expected(TufCheck.SIGNATURES, "2.root.json: not signed by enough keys of TUF root version 1 "
                    + "(threshold 2, valid signatures 1)");
        }
    },
    /** Today's timestamp and snapshot, with the genuine older targets (and root) they no longer name. */
    ROLLED_BACK_TARGETS {
        @Override
        public Expected plant(World w) {
            w.plantGenuineWith(Map.of(TufGeneration.TARGETS, w.retired.get(TufGeneration.TARGETS),
                    TufGeneration.TARGET, w.retired.get(TufGeneration.TARGET)));
            return new Expected(TufCheck.VERSION, "targets.json: version 1, but snapshot.json names version 2 (a "
                    + "rollback, or files mixed from two versions of the repository)");
        }
    },
    /** Genuine metadata, the attacker's root (as long as the listed one) as the target. */
    SWAPPED_TARGET_BYTES {
        @Override
        public Expected plant(World w) {
            w.plantGenuineWith(Map.of(TufGeneration.TARGET, w.attackerRoot));
            return new Expected(TufCheck.HASHES, "targets/trusted_root.json: does not match the sha256 in "
                    + "targets.json (tampered or corrupted)");
        }
    },
    /** Genuine metadata, the attacker's root, shorter than the listed length, as the target. */
    SWAPPED_TARGET_LENGTH {
        @Override
        public Expected plant(World w) {
            byte[] shorter = Arrays.copyOf(w.attackerRoot, w.attackerRoot.length - 1);
            w.plantGenuineWith(Map.of(TufGeneration.TARGET, shorter));
            return new Expected(TufCheck.HASHES, "targets/trusted_root.json: has " + shorter.length + " bytes, "
                    + "targets.json says " + w.attackerRoot.length + " (tampered or corrupted)");
        }
    },
    /** Genuine metadata, the attacker's root, longer than the listed length, as the target: read no further. */
    OVERSIZED_TARGET {
        @Override
        public Expected plant(World w) {
            byte[] longer = Arrays.copyOf(w.attackerRoot, w.attackerRoot.length + 4096);
            Arrays.fill(longer, w.attackerRoot.length, longer.length, (byte) ' ');
            w.plantGenuineWith(Map.of(TufGeneration.TARGET, longer));
            return new Expected(TufCheck.TOO_LARGE, "targets/trusted_root.json: larger than " + w.attackerRoot.length
                    + " bytes");
        }
    },
    /** {@code current} naming a generation outside the repository's directory, holding the attacker's files. */
    CURRENT_POINTS_OUTSIDE {
        @Override
        public Expected plant(World w) {
            w.tuf.plant(w.tuf.genuineGeneration(), w.now);
            LoopbackTuf.write(w.tuf.cache.resolve("elsewhere").resolve("g-1-evil"), w.attackerChain(List.of(), 2));
            write(w.tuf.repositoryDir().resolve(TufCacheDir.CURRENT), "../../elsewhere/g-1-evil\n");
            return new Expected(TufCheck.LAYOUT, "current: does not name a generation");
        }
    },
    /**
     * The genuine metadata of the time the repository listed the attacker's root, long expired, with a
     * {@code refresh.properties} saying it was refreshed just now.
     */
    EXPIRED_WITH_FRESH_REFRESH_TIME {
        @Override
        public Expected plant(World w) {
            w.tuf.plant(w.retired, w.now);
            return new Expected(TufCheck.EXPIRED, "timestamp.json: expired at " + w.retiredTimestampExpiry);
        }
    },
    /**
     * Targets metadata (genuine: the repository delegated every path to a third party whose key the attacker holds)
     * that does not list the trusted root itself, with the delegated role's metadata and the attacker's root beside
     * it. Delegations are never followed for the trusted root.
     */
    DELEGATED_TARGET {
        @Override
        public Expected plant(World w) {
            KeyPair delegate = w.attackerKeys.get(0);
            w.tuf.repo.publishDelegationOfEverythingTo(delegate);
            Map<String, byte[]> files = w.tuf.genuineGeneration();
            ObjectNode role = TestTufRepository.meta("targets", 1, FAR);
            TestTufRepository.listTrustedRoot(role, w.attackerRoot);
            files.put("third-party.json", TestTufRepository.signedBy(role, List.of(delegate)));
            files.put(TufGeneration.TARGET, w.attackerRoot);
            w.tuf.plant(files, w.now);
            // The repository then lists its own root again, so a refresh has something to find.
            w.tuf.repo.publishTrustedRoot(w.honestRoot);
            return new Expected(TufCheck.NOT_LISTED, "targets.json: lists no trusted_root.json (delegated roles are "
                    + "never consulted for it)");
        }
    },
    /** Genuine metadata, the target a symbolic link to the attacker's root elsewhere on disk. */
    SYMLINKED_TARGET {
        @Override
        public Expected plant(World w) {
            Map<String, byte[]> files = w.tuf.genuineGeneration();
            files.remove(TufGeneration.TARGET);
            Path generation = w.tuf.plant(files, w.now);
            try {
                Files.createDirectories(generation.resolve("targets"));
                Path outside = Files.write(w.tuf.cache.resolveSibling("attacker.trusted_root.json"), w.attackerRoot);
                Files.createSymbolicLink(generation.resolve(TufGeneration.TARGET), outside);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Expected(TufCheck.LAYOUT, "targets/trusted_root.json: a symbolic link (pylock-trust never "
                    + "writes one there)");
        }
    },
    /**
     * The unsigned cache again, with a {@code last-failure.properties} saying a refresh just failed, so that the next
     * runs would skip refreshing: it can only decide when to refresh, never what is trusted.
     */
    WITH_A_FAILED_REFRESH_RECORDED {
        @Override
        public Expected plant(World w) {
            Expected unsigned = UNSIGNED.plant(w);
            RefreshFailure recent = new RefreshFailure(w.tuf.server.url().toString(), w.now.minusSeconds(60),
                    "HTTP 503 for timestamp.json", 3);
            try {
                Files.write(w.tuf.repositoryDir().resolve(TufCacheDir.LAST_FAILURE), recent.toBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return unsigned;
        }
    };

    /** Far in the future, as the reviewer's forgery has it. */
    static final Instant FAR = Instant.parse("2099-01-01T00:00:00Z");

    /** The check that must reject the forgery, and its exact one-line reason. */
    public record Expected(TufCheck check, String reason) {}

    /** Plants this forgery into the world's cache (some also publish on its repository); what must catch it. */
    public abstract Expected plant(World w);

    /**
     * The repository of the forgeries, serving {@code honestRoot} on loopback with {@code cache} as the tool's cache
     * directory, at {@code now}. Both roots are padded with spaces to the same length, so that a swapped target differs
     * in its hashes only.
     */
    public static World world(byte[] attackerRoot, byte[] honestRoot, Instant now, Path cache) throws IOException {
        int length = Math.max(attackerRoot.length, honestRoot.length) + 8;
        byte[] attacker = pad(attackerRoot, length);
        byte[] honest = pad(honestRoot, length);
        Instant then = now.minus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
        TestTufRepository repo = TestTufRepository.create(attacker, then, 2);
        LoopbackTuf tuf = LoopbackTuf.serve(repo, cache);
        Map<String, byte[]> retired = tuf.genuineGeneration();
        Instant retiredExpiry = repo.timestampExpires();
        repo.publishTimestamp(now.plus(Duration.ofDays(7)));
        repo.publishTrustedRoot(honest);
        List<KeyPair> attackerKeys = List.of(TestTufRepository.newKey(), TestTufRepository.newKey());
        return new World(tuf, attacker, honest, retired, retiredExpiry, attackerKeys, now);
    }

    /**
     * Timestamp, snapshot and targets listing {@code trustedRoot}, version 1 of a chain that holds together, signed by
     * {@code signers}; with root metadata version {@code rootVersion} (all roles held by {@code keys}, unsigned) when
     * not 0.
     */
    static Map<String, byte[]> chain(byte[] trustedRoot, List<KeyPair> keys, List<KeyPair> signers, int rootVersion) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        if (rootVersion > 0) {
            files.put(rootVersion + ".root.json", TestTufRepository.envelope(
                    TestTufRepository.rootMeta(rootVersion, FAR, keys, 1), List.of()));
        }
        ObjectNode targets = TestTufRepository.meta("targets", 1, FAR);
        TestTufRepository.listTrustedRoot(targets, trustedRoot);
        ObjectNode snapshot = TestTufRepository.meta("snapshot", 1, FAR);
        snapshot.putObject("meta").putObject("targets.json").put("version", 1);
        ObjectNode timestamp = TestTufRepository.meta("timestamp", 1, FAR);
        timestamp.putObject("meta").putObject("snapshot.json").put("version", 1);
        files.put(TufGeneration.TIMESTAMP, TestTufRepository.signedBy(timestamp, signers));
        files.put(TufGeneration.SNAPSHOT, TestTufRepository.signedBy(snapshot, signers));
        files.put(TufGeneration.TARGETS, TestTufRepository.signedBy(targets, signers));
        files.put(TufGeneration.TARGET, trustedRoot);
        return files;
    }

    /**
     * The cache generation the reviewer planted: {@code root.json} version 99 with the attacker's keys and
     * timestamp, snapshot and targets listing {@code attackerRoot}, none of them signed, all expiring in 2099.
     */
    public static Map<String, byte[]> reviewersForgery(byte[] attackerRoot) {
        List<KeyPair> keys = List.of(TestTufRepository.newKey());
        Map<String, byte[]> files = chain(attackerRoot, keys, List.of(), 0);
        files.put("root.json", TestTufRepository.envelope(TestTufRepository.rootMeta(99, FAR, keys, 1), List.of()));
        return files;
    }

    private static byte[] pad(byte[] json, int length) {
        byte[] padded = Arrays.copyOf(json, length);
        Arrays.fill(padded, json.length, length, (byte) ' ');
        return padded;
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The forgeries' world.
     *
     * @param attackerRoot what the attacker wants trusted (padded), once published by the repository
     * @param honestRoot   what the repository publishes now (padded)
     * @param retired      the genuine generation of the time the attacker's root was listed (expired by now)
     */
    public record World(LoopbackTuf tuf, byte[] attackerRoot, byte[] honestRoot, Map<String, byte[]> retired,
                        Instant retiredTimestampExpiry, List<KeyPair> attackerKeys, Instant now) {
        /** The attacker's root as the repository once published it (padded). */
        public byte[] attackerTrustedRoot() {
            return attackerRoot.clone();
        }

        /** What the repository publishes now (padded). */
        public byte[] honestTrustedRoot() {
            return honestRoot.clone();
        }

        KeyPair stolenTargetsKey() {
            return tuf.repo.keys("targets").get(0);
        }

        /** {@link #chain} of the attacker's root and keys. */
        Map<String, byte[]> attackerChain(List<KeyPair> signers, int rootVersion) {
            return chain(attackerRoot, attackerKeys, signers, rootVersion);
        }

        /** Plants the repository's current generation with {@code replaced} files in place of the genuine ones. */
        void plantGenuineWith(Map<String, byte[]> replaced) {
            Map<String, byte[]> files = tuf.genuineGeneration();
            files.putAll(replaced);
            tuf.plant(files, now);
        }

        /** Today's genuine timestamp and snapshot, with targets of the same version listing the attacker's root. */
        Expected forgedTargets(List<TestTufRepository.Signer> signers) {
            ObjectNode targets = TestTufRepository.meta("targets", tuf.repo.targetsVersion(),
                    tuf.repo.metadataExpires());
            TestTufRepository.listTrustedRoot(targets, attackerRoot);
            plantGenuineWith(Map.of(TufGeneration.TARGETS, TestTufRepository.envelope(targets, signers),
                    TufGeneration.TARGET, attackerRoot));
            return new Expected(TufCheck.SIGNATURES, "targets.json: not signed by enough trusted keys (threshold 2, "
                    + "valid signatures 1)");
        }
    }
}
