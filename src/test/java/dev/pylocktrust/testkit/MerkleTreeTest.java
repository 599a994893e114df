package dev.pylocktrust.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sigstore.merkle.InclusionProofVerifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MerkleTreeTest {

    /** The RFC 6962 reference leaves used by the Certificate Transparency test suites. */
    private static final byte[][] REFERENCE_LEAVES = {
        hex(""), hex("00"), hex("10"), hex("2021"), hex("3031"), hex("40414243"), hex("5051525354555657"),
        hex("606162636465666768696a6b6c6d6e6f"),
    };

    @ParameterizedTest(name = "root of the first {0} reference leaves")
    @CsvSource({
        "1, 6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "2, fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "3, aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "4, d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "5, 4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "6, 76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "7, ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "8, 5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    })
    void rootHashesMatchTheRfc6962ReferenceVectors(int size, String expectedRoot) {
        MerkleTree tree = referenceTree();
        // Earlier tree sizes stay answerable after later appends.
        assertThat(HexFormat.of().formatHex(tree.rootHash(size))).isEqualTo(expectedRoot);
    }

    @ParameterizedTest(name = "path of leaf {0} in a tree of {1}")
    @CsvSource(delimiter = ';', value = {
        "0; 8; 96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7 5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e 6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        "5; 8; bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0 d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "2; 3; fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "1; 5; 6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d 5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    })
    void inclusionProofsMatchAnIndependentComputation(int index, int size, String expectedPath) {
        List<String> path = referenceTree().inclusionProof(index, size).stream().map(HexFormat.of()::formatHex).toList();
        assertThat(path).containsExactly(expectedPath.split(" "));
    }

    @Test
    void everyProofOfEveryTreeSizeUpTo70VerifiesAndMatchesTheNaiveDefinition() throws Exception {
        MerkleTree tree = new MerkleTree();
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            byte[] leaf = ("entry " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            leaves.add(leaf);
            assertThat(tree.append(leaf)).isEqualTo(i);
        }
        for (int size = 1; size <= leaves.size(); size++) {
            List<byte[]> prefix = leaves.subList(0, size);
            byte[] root = tree.rootHash(size);
            assertThat(root).isEqualTo(naiveRoot(prefix));
            for (int index = 0; index < size; index++) {
                List<byte[]> proof = tree.inclusionProof(index, size);
                assertThat(proof).as("path %d/%d", index, size).usingElementComparator(Arrays::compare)
                        .containsExactlyElementsOf(naivePath(index, prefix));
                byte[] leafHash = MerkleTree.leafHash(leaves.get(index));
                assertThat(rfc9162Root(leafHash, index, size, proof)).isEqualTo(root);
                InclusionProofVerifier.verify(leafHash, index, size, proof, root);
            }
        }
    }

    @Test
    void aProofForOneLeafFailsForItsNeighbour() {
        MerkleTree tree = referenceTree();
        List<byte[]> proof = tree.inclusionProof(2, 8);
        byte[] neighbour = MerkleTree.leafHash(REFERENCE_LEAVES[3]);
        assertThatThrownBy(() -> InclusionProofVerifier.verify(neighbour, 2, 8, proof, tree.rootHash(8)))
                .hasMessageStartingWith("Calculated inclusion proof root hash does not match provided root hash");
    }

    @Test
    void rejectsSizesAndIndexesOutsideTheTree() {
        MerkleTree tree = referenceTree();
        assertThatThrownBy(() -> tree.rootHash(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tree size 0 outside 1..8");
        assertThatThrownBy(() -> tree.rootHash(9)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.inclusionProof(8, 8)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no leaf 8 in a tree of size 8 (have 8)");
        assertThatThrownBy(() -> new MerkleTree().rootHash(1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static MerkleTree referenceTree() {
        MerkleTree tree = new MerkleTree();
        for (byte[] leaf : REFERENCE_LEAVES) {
            tree.append(leaf);
        }
        return tree;
    }

    /** MTH from RFC 6962 section 2.1, recursively over the raw leaves. */
    private static byte[] naiveRoot(List<byte[]> leaves) {
        if (leaves.size() == 1) {
            return MerkleTree.leafHash(leaves.get(0));
        }
        int k = Integer.highestOneBit(leaves.size() - 1);
        return MerkleTree.nodeHash(naiveRoot(leaves.subList(0, k)), naiveRoot(leaves.subList(k, leaves.size())));
    }

    /** PATH from RFC 6962 section 2.1.1. */
    private static List<byte[]> naivePath(int m, List<byte[]> leaves) {
        List<byte[]> path = new ArrayList<>();
        if (leaves.size() == 1) {
            return path;
        }
        int k = Integer.highestOneBit(leaves.size() - 1);
        if (m < k) {
            path.addAll(naivePath(m, leaves.subList(0, k)));
            path.add(naiveRoot(leaves.subList(k, leaves.size())));
        } else {
            path.addAll(naivePath(m - k, leaves.subList(k, leaves.size())));
            path.add(naiveRoot(leaves.subList(0, k)));
        }
        return path;
    }

    /** The verification algorithm of RFC 9162 section 2.1.3.2, including its final {@code sn == 0} check. */
    private static byte[] rfc9162Root(byte[] leafHash, long index, long size, List<byte[]> proof) {
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            assertThat(sn).as("proof longer than the tree is deep").isNotZero();
            if ((fn & 1) == 1 || fn == sn) {
                r = MerkleTree.nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = MerkleTree.nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        assertThat(sn).as("proof shorter than the tree is deep").isZero();
        return r;
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
