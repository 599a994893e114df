package dev.pylocktrust.attest;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A seed's document as a JSON tree, with the pointers of its attestations and bundles and the edits mutants make.
 * The tree is never modified: every edit works on a copy.
 */
final class SeedDocument {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String VM = "/verification_material";
    static final String ENTRY = VM + "/transparency_entries/0";

    private final MutationSeed seed;
    private final ObjectNode tree;
    private final List<String> attestations = new ArrayList<>();
    private final List<String> bundles = new ArrayList<>();

    SeedDocument(MutationSeed seed) {
        this.seed = seed;
        this.tree = (ObjectNode) MutationSeeds.tree(seed.document());
        if (seed.mode() == MutationSeed.Mode.ATTESTATION) {
            attestations.add("");
        } else {
            JsonNode array = tree.path("attestation_bundles");
            for (int b = 0; b < array.size(); b++) {
                bundles.add("/attestation_bundles/" + b);
                for (int a = 0; a < array.get(b).path("attestations").size(); a++) {
                    attestations.add("/attestation_bundles/" + b + "/attestations/" + a);
                }
            }
        }
    }

    MutationSeed seed() {
        return seed;
    }

    ObjectNode tree() {
        return tree;
    }

    /** The pointers of the attestation objects ({@code ""} for a bare attestation). */
    List<String> attestations() {
        return attestations;
    }

    /** The pointers of the bundles (none for a bare attestation). */
    List<String> bundles() {
        return bundles;
    }

    JsonNode at(String pointer) {
        return tree.at(pointer);
    }

    /** The decoded certificate of the attestation at {@code attestation}, as hex (identifies the attestation). */
    String certificate(String attestation) {
        return HexFormat.of().formatHex(decode(at(attestation + VM + "/certificate").asText()));
    }

    /** A mutant whose document is this tree after {@code edit}, verified like the seed. */
    Mutant edited(String mutationClass, String description, Mutant.Expectation expectation, Consumer<ObjectNode> edit) {
        return mutant(mutationClass, description, expectation, () -> {
            ObjectNode copy = tree.deepCopy();
            edit.accept(copy);
            return compact(copy);
        });
    }

    /** A mutant with the given document bytes, verified like the seed. */
    Mutant mutant(String mutationClass, String description, Mutant.Expectation expectation, Supplier<byte[]> document) {
        return new Mutant(mutationClass, seed.name() + ": " + description, expectation, document,
                seed.distribution(), seed.root());
    }

    /** Replaces (or adds) the value at {@code pointer}. */
    static void set(JsonNode root, String pointer, JsonNode value) {
        JsonPointer p = JsonPointer.compile(pointer);
        JsonNode parent = root.at(p.head());
        if (parent instanceof ArrayNode array) {
            array.set(p.last().getMatchingIndex(), value);
        } else {
            ((ObjectNode) parent).set(p.last().getMatchingProperty(), value);
        }
    }

    static void remove(JsonNode root, String pointer) {
        JsonPointer p = JsonPointer.compile(pointer);
        JsonNode parent = root.at(p.head());
        if (parent instanceof ArrayNode array) {
            array.remove(p.last().getMatchingIndex());
        } else {
            ((ObjectNode) parent).remove(p.last().getMatchingProperty());
        }
    }

    static byte[] compact(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("writing a tree Jackson built", e);
        }
    }

    /** Tolerant base64 decoding (line breaks allowed), for reading the seeds' own fields. */
    static byte[] decode(String base64) {
        return Base64.getMimeDecoder().decode(base64);
    }

    static String encode(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** The pointer of a member key, escaped as RFC 6901 requires. */
    static String child(String pointer, String key) {
        return pointer + "/" + key.replace("~", "~0").replace("/", "~1");
    }

    /** A string for a report: control and non-ASCII characters escaped, long ones cut. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        String shown = s.length() > 120 ? s.substring(0, 120) + "..." : s;
        for (char c : shown.toCharArray()) {
            out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.append('"').toString();
    }
}
