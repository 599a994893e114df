package dev.pylocktrust.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * A Rekor-like transparency log: every appended entry body becomes a leaf of one real RFC 6962 Merkle tree, and the
 * log returns what a Rekor v1 client stores in a bundle: a signed entry timestamp (SET) and an inclusion proof against
 * a signed checkpoint of the tree right after the append.
 *
 * <p>Formats (as sigstore clients verify them):
 * <ul>
 *   <li>SET: ECDSA over the RFC 8785 canonical JSON {@code {"body":<base64 body>,"integratedTime":<n>,
 *       "logID":<hex key id>,"logIndex":<n>}};</li>
 *   <li>checkpoint: a signed note: {@code "<origin>\n<size>\n<base64 root>\n"}, a blank line, then
 *       {@code "— <host> <base64(key hint || signature)>\n"}, where the key hint is the first 4 bytes of the log id and
 *       {@code host} must equal the host of the trusted root's {@code baseUrl}.</li>
 * </ul>
 * Not thread-safe; {@link TestSigstore} serialises access.
 */
final class TestRekor {

    private final EcKey key;
    private final String host;
    private final String origin;
    private final long indexOffset;
    private final MerkleTree tree = new MerkleTree();

    /**
     * @param indexOffset added to the tree index to form the global {@code logIndex}, as Rekor's sharded log does
     *     (its bundles carry the global index in {@code logIndex} and the shard index in {@code inclusionProof.logIndex})
     */
    TestRekor(EcKey key, String host, long treeId, long indexOffset) {
        this.key = key;
        this.host = host;
        this.origin = host + " - " + treeId;
        this.indexOffset = indexOffset;
    }

    EcKey key() {
        return key;
    }

    int size() {
        return tree.size();
    }

    /**
     * Appends {@code body} and returns its entry. {@code setSigner} signs the SET and {@code checkpointSigner} the
     * checkpoint: normally the log's own key, another key to model a forged log response (the entry still claims this
     * log's id and key hint).
     */
    LogEntry append(byte[] body, long integratedTime, EcKey setSigner, EcKey checkpointSigner) {
        int treeIndex = tree.append(body);
        int treeSize = tree.size();
        long logIndex = indexOffset + treeIndex;
        byte[] logId = key.keyId();
        String base64Body = Base64.getEncoder().encodeToString(body);
        String signable = "{\"body\":\"" + base64Body + "\",\"integratedTime\":" + integratedTime + ",\"logID\":\""
                + HexFormat.of().formatHex(logId) + "\",\"logIndex\":" + logIndex + "}";
        byte[] set = setSigner.sign(signable.getBytes(StandardCharsets.UTF_8));
        byte[] rootHash = tree.rootHash(treeSize);
        return new LogEntry(logIndex, treeIndex, integratedTime, body, logId, set, treeSize, rootHash,
                tree.inclusionProof(treeIndex, treeSize), checkpoint(treeSize, rootHash, checkpointSigner));
    }

    private String checkpoint(int treeSize, byte[] rootHash, EcKey signer) {
        String note = origin + "\n" + treeSize + "\n" + Base64.getEncoder().encodeToString(rootHash) + "\n";
        byte[] signature = signer.sign(note.getBytes(StandardCharsets.UTF_8));
        byte[] hintAndSignature = new byte[4 + signature.length];
        System.arraycopy(key.keyId(), 0, hintAndSignature, 0, 4);
        System.arraycopy(signature, 0, hintAndSignature, 4, signature.length);
        return note + "\n\u2014 " + host + " " + Base64.getEncoder().encodeToString(hintAndSignature) + "\n";
    }

    /**
     * One appended entry as a bundle carries it.
     *
     * @param logIndex the global index ({@code logIndex}, covered by the SET)
     * @param treeIndex the leaf index in the tree ({@code inclusionProof.logIndex})
     */
    record LogEntry(
            long logIndex,
            int treeIndex,
            long integratedTime,
            byte[] body,
            byte[] logId,
            byte[] signedEntryTimestamp,
            int treeSize,
            byte[] rootHash,
            List<byte[]> proofHashes,
            String checkpoint) {

        LogEntry {
            proofHashes = List.copyOf(proofHashes);
        }

        LogEntry withProofHashes(List<byte[]> newProofHashes) {
            return new LogEntry(logIndex, treeIndex, integratedTime, body, logId, signedEntryTimestamp, treeSize, rootHash,
                    newProofHashes, checkpoint);
        }
    }
}
