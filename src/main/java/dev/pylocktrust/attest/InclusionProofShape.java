package dev.pylocktrust.attest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Binds a transparency entry's inclusion proof to the leaf index and tree size it claims, which sigstore-java 2.0.0
 * leaves loose: its proof walk checks neither that the index is inside the tree nor that the proof has exactly the
 * RFC 9162 length, and it compares the checkpoint's root hash but not its tree size. So an entry could carry another
 * index or tree size than the one its hashes prove and still verify (the mutation suite found both). These checks
 * can only reject:
 * <ol>
 *   <li>The proof's log index and tree size are integers with {@code 0 <= index < size}.</li>
 *   <li>The proof has exactly as many hashes as RFC 9162 (section 2.1.3.2) gives for that index and size; with 1,
 *       the walk then visits exactly the path of that leaf, so the root hash pins the index.</li>
 *   <li>The checkpoint (the log's signed note) names the proof's tree size and root hash, and its signature lines
 *       have the signed-note form (sigstore-java would throw an unclassified exception on bad base64 there).</li>
 *   <li>A Rekor v2 entry's {@code logIndex}, which nothing signs, equals the proof's index; a Rekor v1 entry's is
 *       signed by its signed entry timestamp and is the log's global index (not the shard's).</li>
 * </ol>
 */
final class InclusionProofShape {
    private static final Pattern SIGNATURE_LINE = Pattern.compile("\u2014 \\S+ (\\S+)");

    private InclusionProofShape() {}

    /** Empty when the proof's shape is consistent; otherwise the rejection. */
    static Optional<AttestationResult.Rejected> check(TransparencyEntry entry, boolean rekorV1) {
        JsonNode proof = entry.node().path("inclusionProof");
        Optional<Long> index = TransparencyEntry.int64(proof.get("logIndex"));
        Optional<Long> size = TransparencyEntry.int64(proof.get("treeSize"));
        // (1)
        if (index.isEmpty() || size.isEmpty() || index.get() < 0 || index.get() >= size.get()) {
            return reject(RejectionReason.INCLUSION_PROOF, "the inclusion proof's log index "
                    + text(proof.get("logIndex")) + " is not a leaf of its tree of size "
                    + text(proof.get("treeSize")));
        }
        // (2)
        JsonNode hashes = proof.path("hashes");
        int expected = pathLength(index.get(), size.get());
        if (!hashes.isArray() || hashes.size() != expected) {
            return reject(RejectionReason.INCLUSION_PROOF, "the inclusion proof has " + hashes.size() + " hashes; a "
                    + "proof for leaf " + index.get() + " of a tree of size " + size.get() + " has " + expected);
        }
        // (3)
        String note = proof.path("checkpoint").path("envelope").asText("");
        int blank = note.indexOf("\n\n");
        String[] header = blank < 0 ? new String[0] : note.substring(0, blank).split("\n");
        byte[] root = decode(proof.path("rootHash").asText(""));
        if (header.length < 3 || !header[1].equals(String.valueOf(size.get())) || root.length == 0
                || !Arrays.equals(decode(header[2]), root)) {
            return reject(RejectionReason.CHECKPOINT, "the checkpoint (the log's signed tree head) is not for the "
                    + "inclusion proof's tree of size " + size.get() + " and root hash "
                    + proof.path("rootHash").asText(""));
        }
        for (String line : note.substring(blank + 2).split("\n")) {
            if (!line.isEmpty() && !signatureLine(line)) {
                return reject(RejectionReason.CHECKPOINT, "the checkpoint's signature line \"" + clip(line)
                        + "\" is not '\u2014 <log name> <base64 key hint and signature>'");
            }
        }
        // (4)
        if (!rekorV1 && !entry.logIndex().equals(index)) {
            return reject(RejectionReason.TRANSPARENCY_LOG, "the Rekor v2 entry's logIndex "
                    + entry.logIndex().map(String::valueOf).orElse("(absent)") + " is not the index its inclusion "
                    + "proof proves (" + index.get() + ")");
        }
        return Optional.empty();
    }

    /**
     * The number of hashes in an RFC 9162 inclusion proof for leaf {@code index} of a tree of {@code size}: the
     * levels below the point where the leaf's path leaves the tree's right border, plus the border nodes above.
     */
    static int pathLength(long index, long size) {
        int inner = 64 - Long.numberOfLeadingZeros(index ^ (size - 1));
        return inner + Long.bitCount(index >>> inner);
    }

    /** A signed note's signature line: an em dash, the key name, and base64 of a 4-byte key hint and a signature. */
    private static boolean signatureLine(String line) {
        Matcher m = SIGNATURE_LINE.matcher(line);
        return m.matches() && decode(m.group(1)).length > 4;
    }

    private static String clip(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private static String text(JsonNode n) {
        return n == null ? "(absent)" : n.asText();
    }

    private static Optional<AttestationResult.Rejected> reject(RejectionReason reason, String message) {
        return Optional.of(new AttestationResult.Rejected(reason, message));
    }
}
