package dev.pylocktrust.testkit;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * An append-only RFC 6962 (section 2.1) Merkle hash tree, as Rekor keeps it: leaf hash {@code SHA-256(0x00 || data)},
 * node hash {@code SHA-256(0x01 || left || right)}, and the split of {@code n} leaves at the largest power of two
 * smaller than {@code n}.
 *
 * <p>Incremental: every complete power-of-two subtree is hashed once, when its last leaf arrives, so an append costs
 * O(log n) hashes and an inclusion proof or root for any earlier tree size costs O(log n) to O(log² n) hashes.
 * Not thread-safe; {@link TestSigstore} serialises access.
 */
final class MerkleTree {

    /** {@code levels.get(k).get(i)} = hash of the complete subtree of {@code 2^k} leaves starting at {@code i * 2^k}. */
    private final List<List<byte[]>> levels = new ArrayList<>();

    /** Appends a leaf holding {@code data} (e.g. a canonicalized log entry body); returns its index. */
    int append(byte[] data) {
        if (levels.isEmpty()) {
            levels.add(new ArrayList<>());
        }
        List<byte[]> leaves = levels.get(0);
        leaves.add(leafHash(data));
        int index = leaves.size() - 1;
        int position = index;
        for (int level = 0; (position & 1) == 1; level++) {
            List<byte[]> row = levels.get(level);
            byte[] parent = nodeHash(row.get(position - 1), row.get(position));
            if (levels.size() == level + 1) {
                levels.add(new ArrayList<>());
            }
            levels.get(level + 1).add(parent);
            position >>= 1;
        }
        return index;
    }

    int size() {
        return levels.isEmpty() ? 0 : levels.get(0).size();
    }

    /** {@code MTH(D[0:treeSize])}: the root hash the tree had when it held {@code treeSize} leaves. */
    byte[] rootHash(int treeSize) {
        if (treeSize < 1 || treeSize > size()) {
            throw new IllegalArgumentException("tree size " + treeSize + " outside 1.." + size());
        }
        return subtreeHash(0, treeSize);
    }

    /**
     * {@code PATH(index, D[0:treeSize])}: the audit path proving leaf {@code index} is in the tree of size
     * {@code treeSize}, ordered from the leaf's sibling up to the root's child (the order Sigstore bundles use).
     */
    List<byte[]> inclusionProof(int index, int treeSize) {
        if (treeSize < 1 || treeSize > size() || index < 0 || index >= treeSize) {
            throw new IllegalArgumentException("no leaf " + index + " in a tree of size " + treeSize + " (have " + size() + ")");
        }
        List<byte[]> path = new ArrayList<>();
        collectPath(index, 0, treeSize, path);
        return path;
    }

    /** Appends the path for leaf {@code m} of the subtree {@code D[start:start+n]}, deepest sibling first. */
    private void collectPath(int m, int start, int n, List<byte[]> path) {
        if (n == 1) {
            return;
        }
        int k = largestPowerOfTwoBelow(n);
        if (m < k) {
            collectPath(m, start, k, path);
            path.add(subtreeHash(start + k, n - k));
        } else {
            collectPath(m - k, start + k, n - k, path);
            path.add(subtreeHash(start, k));
        }
    }

    /**
     * Hash of {@code D[start:start+n]}. Every call made from here has {@code start} aligned to the largest power of two
     * that is at least {@code n}, so complete power-of-two subtrees are always found in {@link #levels}.
     */
    private byte[] subtreeHash(int start, int n) {
        if (Integer.bitCount(n) == 1) {
            int level = Integer.numberOfTrailingZeros(n);
            return levels.get(level).get(start >> level);
        }
        int k = largestPowerOfTwoBelow(n);
        return nodeHash(subtreeHash(start, k), subtreeHash(start + k, n - k));
    }

    /** The largest power of two strictly smaller than {@code n} (n ≥ 2). */
    static int largestPowerOfTwoBelow(int n) {
        return Integer.highestOneBit(n - 1);
    }

    static byte[] leafHash(byte[] data) {
        MessageDigest sha256 = EcKey.messageDigest("SHA-256");
        sha256.update((byte) 0x00);
        return sha256.digest(data);
    }

    static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest sha256 = EcKey.messageDigest("SHA-256");
        sha256.update((byte) 0x01);
        sha256.update(left);
        return sha256.digest(right);
    }
}
