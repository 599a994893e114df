package dev.pylocktrust.trust;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The TUF client workflow (https://theupdateframework.github.io/specification/latest/#detailed-client-workflow,
 * sections 5.3 to 5.7), written once, for both places pylock-trust reads TUF metadata:
 * <ul>
 *   <li>a refresh, reading from the mirror (and, for unchanged versions, the bytes the cache already holds);</li>
 *   <li>every read of the cache, which is untrusted input: whoever can write the cache directory (on CI, whoever can
 *       write a shared cache entry) must not be able to choose the trusted root.</li>
 * </ul>
 * Trust starts from the pinned root alone (embedded in the jar, or {@code --tuf-root}); nothing else the cache holds
 * is believed until it verified here. The steps, tagged in the code:
 * <ol>
 *   <li>root: each next version {@code N.root.json} is signed by a threshold of the previous root's root keys and of
 *       its own, and is version N (5.3.4, 5.3.5);</li>
 *   <li>timestamp: signed by the newest root's timestamp keys; not older than a trusted one (5.4.2, 5.4.3);</li>
 *   <li>snapshot: the version (and length and hashes, when given) the timestamp names; signed by the snapshot keys;
 *       lists no older metadata than a trusted one (5.5.2 to 5.5.5);</li>
 *   <li>targets: the version (and length and hashes, when given) the snapshot names; signed by the targets keys (5.6.2
 *       to 5.6.4);</li>
 *   <li>trusted_root.json: listed by the top-level targets metadata, with the length and hashes listed there (5.7);
 *       delegations are never followed for it.</li>
 * </ol>
 * Thresholds count distinct keys (a key listed under two ids, or one signature repeated, counts once). Expiry (5.3.10,
 * 5.4.4, 5.5.6, 5.6.5) is checked by the caller at its time, {@link VerifiedTuf#requireUnexpired}, so that the same
 * verified state can seed the next refresh after it expired.
 */
final class TufVerification {
    static final String TRUSTED_ROOT = "trusted_root.json";
    /** Most root rotations followed in one go (the spec's example bound). */
    static final int MAX_ROTATIONS = 1024;
    /** Largest root metadata read (Sigstore's are about 6 KiB). */
    static final int MAX_ROOT_BYTES = TufRepositorySpec.MAX_ROOT_BYTES;
    /** Largest timestamp metadata read (Sigstore's is under 1 KiB). */
    static final int MAX_TIMESTAMP_BYTES = 64 * 1024;
    /** Largest snapshot or targets metadata read when the listing gives no length. */
    static final int MAX_META_BYTES = 4 * 1024 * 1024;
    /** Largest trusted root target read (real ones are about 7 KiB). */
    static final int MAX_TARGET_BYTES = 1024 * 1024;

    private TufVerification() {}

    /**
     * @param pinnedRoot the root metadata trusted without verification (the trust anchor)
     * @param trusted    a state verified earlier (the cache, when a refresh starts from it), for rollback checks;
     *                   empty when reading the cache itself, which has nothing to compare with but the pinned root
     * @throws TufCheckException naming the file and the check it failed
     * @throws IOException       when the source cannot be read (the network)
     */
    static VerifiedTuf verify(byte[] pinnedRoot, TufSource source, Optional<VerifiedTuf> trusted)
            throws TufCheckException, IOException {
        // (1) The chain of roots, from the pinned one.
        TufMetadata pinned = TufMetadata.parse("the pinned TUF root", "root", pinnedRoot);
        TufMetadata newestRoot = pinned.named(pinned.version() + ".root.json (pinned)");
        TufRoles roles = TufRoles.of(newestRoot);
        List<TufMetadata> roots = new ArrayList<>();
        int pinnedVersion = roles.version();
        for (int next = pinnedVersion + 1; next <= pinnedVersion + MAX_ROTATIONS; next++) {
            Optional<TufSource.TufFile> file = source.root(next);
            if (file.isEmpty()) {
                break;
            }
            TufMetadata root = TufMetadata.parse(file.get().name(), "root", file.get().bytes());
            roles.requireSigned(root, "root", "keys of TUF root version " + roles.version());
            TufRoles nextRoles = TufRoles.of(root);
            nextRoles.requireSigned(root, "root", "of its own root keys");
            if (root.version() != next) {
                throw new TufCheckException(TufCheck.VERSION, root.file() + ": holds version " + root.version()
                        + ", not " + next);
            }
            roots.add(root);
            newestRoot = root;
            roles = nextRoles;
        }
        // TUF 5.3.11: after a rotation of the timestamp or snapshot keys, earlier timestamp and snapshot versions
        // no longer bind (that is how a repository recovers from a fast-forward attack).
        Optional<VerifiedTuf> previous = trusted;
        if (previous.isPresent() && !(roles.sameKeys(previous.get().roles(), "timestamp")
                && roles.sameKeys(previous.get().roles(), "snapshot"))) {
            previous = Optional.empty();
        }

        // (2) Timestamp.
        TufSource.TufFile tsFile = source.timestamp();
        TufMetadata timestamp = TufMetadata.parse(tsFile.name(), "timestamp", tsFile.bytes());
        roles.requireSigned(timestamp, "timestamp", "trusted keys");
        TufFileInfo snapshotInfo = TufFileInfo.meta(timestamp, "snapshot.json");
        if (previous.isPresent()) {
            notOlder(timestamp.file(), "", timestamp.version(), previous.get().timestamp().version());
            notOlder(timestamp.file(), "snapshot ", snapshotInfo.version(), previous.get().snapshotInfo().version());
        }

        // (3) Snapshot.
        TufSource.TufFile snapFile = source.snapshot(snapshotInfo, roles.consistentSnapshot());
        snapshotInfo.check(snapFile);
        TufMetadata snapshot = TufMetadata.parse(snapFile.name(), "snapshot", snapFile.bytes());
        roles.requireSigned(snapshot, "snapshot", "trusted keys");
        sameVersion(snapshot, snapshotInfo);
        if (previous.isPresent()) {
            JsonNode listed = snapshot.signed().path("meta");
            for (Iterator<Map.Entry<String, JsonNode>> it = previous.get().snapshot().signed().path("meta").fields();
                    it.hasNext(); ) {
                Map.Entry<String, JsonNode> before = it.next();
                notOlder(snapshot.file(), before.getKey() + " ", listed.path(before.getKey()).path("version").asInt(0),
                        before.getValue().path("version").asInt(0));
            }
        }

        // (4) Targets.
        TufFileInfo targetsInfo = TufFileInfo.meta(snapshot, "targets.json");
        TufSource.TufFile targetsFile = source.targets(targetsInfo, roles.consistentSnapshot());
        targetsInfo.check(targetsFile);
        TufMetadata targets = TufMetadata.parse(targetsFile.name(), "targets", targetsFile.bytes());
        roles.requireSigned(targets, "targets", "trusted keys");
        sameVersion(targets, targetsInfo);

        // (5) The trusted root target, from the top-level targets metadata only.
        TufFileInfo targetInfo = TufFileInfo.target(targets, TRUSTED_ROOT);
        TufSource.TufFile target = source.trustedRoot(targetInfo, roles.consistentSnapshot());
        targetInfo.check(target);
        return new VerifiedTuf(roots, newestRoot, roles, timestamp, snapshotInfo, snapshot, targets, targetInfo,
                target.bytes());
    }

    private static void sameVersion(TufMetadata meta, TufFileInfo named) throws TufCheckException {
        if (meta.version() != named.version()) {
            throw new TufCheckException(TufCheck.VERSION, meta.file() + ": version " + meta.version() + ", but "
                    + named.listedIn() + " names version " + named.version() + " (a rollback, or files mixed from "
                    + "two versions of the repository)");
        }
    }

    private static void notOlder(String file, String what, int version, int trustedVersion) throws TufCheckException {
        if (version < trustedVersion) {
            throw new TufCheckException(TufCheck.VERSION, file + ": " + what + "version " + version + " is older than "
                    + "the trusted version " + trustedVersion + " (a rollback attack, or a broken mirror)");
        }
    }
}
