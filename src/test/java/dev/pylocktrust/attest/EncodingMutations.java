package dev.pylocktrust.attest;

import static dev.pylocktrust.attest.Mutant.Expectation.NEUTRAL;
import static dev.pylocktrust.attest.Mutant.Expectation.REJECTED;
import static dev.pylocktrust.attest.Mutant.Expectation.REJECTED_OR_EQUIVALENT;
import static dev.pylocktrust.attest.Mutant.Expectation.REJECTED_OR_IDENTICAL;
import static dev.pylocktrust.attest.SeedDocument.ENTRY;
import static dev.pylocktrust.attest.SeedDocument.VM;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * The mutants of a seed document's form: every value changed to each other JSON type, every member removed or
 * duplicated, the same inside the JSON the document embeds (statement, log entry body), encoding variants of every
 * base64 field, and the spellings that must not matter (whitespace, key order, escapes).
 */
final class EncodingMutations {
    /** JSON whitespace, key order and escapes: the spellings a parser must not care about. */
    private static final int SPELLINGS = 3;

    private final SeedDocument doc;
    private final Random random;
    private final List<Mutant> out = new ArrayList<>();

    EncodingMutations(SeedDocument doc, Random random) {
        this.doc = doc;
        this.random = random;
    }

    /** @param fresh the attestations whose embedded documents and base64 fields no earlier seed covered */
    List<Mutant> of(List<String> fresh) {
        for (String a : fresh) {
            nestedStructure("nested json: statement", a + "/envelope/statement");
            nestedStructure("nested json: log entry body", a + ENTRY + "/canonicalizedBody");
            base64Encodings(a);
        }
        structure(doc.tree());
        spellings();
        return out;
    }

    // ---------------------------------------------------------------- JSON structure

    /**
     * Every value of the document changed to each other JSON type, every member removed, every member duplicated
     * (with its own value and with another). Only the first two and the last elements of an array are visited.
     */
    private void structure(JsonNode tree) {
        walk(tree, "", (p, node) -> {
            for (var alternative : JsonTypes.alternatives(node)) {
                out.add(doc.edited("json: " + alternative.label(), p, REJECTED_OR_EQUIVALENT,
                        r -> SeedDocument.set(r, p, alternative.value())));
            }
        }, (p, value) -> {
            out.add(doc.edited("json: missing key", p, REJECTED_OR_EQUIVALENT, r -> SeedDocument.remove(r, p)));
            out.add(doc.mutant("json: duplicate key", p + " (same value)", REJECTED_OR_EQUIVALENT,
                    () -> JsonSpelling.plain(0).withDuplicate(p, value).write(tree)));
            JsonNode other = JsonTypes.alternatives(value).get(0).value();
            out.add(doc.mutant("json: duplicate key", p + " (then " + other + ")", REJECTED_OR_EQUIVALENT,
                    () -> JsonSpelling.plain(0).withDuplicate(p, other).write(tree)));
        });
    }

    /** The same structural edits inside a base64-encoded JSON document; every one changes signed bytes. */
    private void nestedStructure(String mutationClass, String pointer) {
        JsonNode encoded = doc.at(pointer);
        if (!encoded.isTextual()) {
            return;
        }
        JsonNode inner = MutationSeeds.tree(SeedDocument.decode(encoded.textValue()));
        BiConsumer<String, UnaryOperator<JsonNode>> add = (description, edit) -> out.add(doc.edited(mutationClass,
                pointer + " " + description, REJECTED, r -> SeedDocument.set(r, pointer,
                        TextNode.valueOf(SeedDocument.encode(SeedDocument.compact(edit.apply(inner.deepCopy())))))));
        walkShallow(inner, (p, node) -> {
            for (var alternative : JsonTypes.alternatives(node)) {
                add.accept(p + " " + alternative.label(), copy -> {
                    SeedDocument.set(copy, p, alternative.value());
                    return copy;
                });
            }
        }, (p, value) -> {
            add.accept(p + " removed", copy -> {
                SeedDocument.remove(copy, p);
                return copy;
            });
            out.add(doc.edited(mutationClass, pointer + " " + p + " duplicated", REJECTED,
                    r -> SeedDocument.set(r, pointer, TextNode.valueOf(SeedDocument.encode(
                            JsonSpelling.plain(0).withDuplicate(p, value).write(inner))))));
        });
    }

    private static void walk(JsonNode node, String pointer, BiConsumer<String, JsonNode> value,
                             BiConsumer<String, JsonNode> member) {
        walk(node, pointer, Integer.MAX_VALUE, value, member);
    }

    /** The nested documents' predicates can be large: their structure is visited three levels deep. */
    private static void walkShallow(JsonNode node, BiConsumer<String, JsonNode> value,
                                    BiConsumer<String, JsonNode> member) {
        walk(node, "", 3, value, member);
    }

    private static void walk(JsonNode node, String pointer, int depth, BiConsumer<String, JsonNode> value,
                             BiConsumer<String, JsonNode> member) {
        if (!pointer.isEmpty()) {
            value.accept(pointer, node);
        }
        if (depth == 0) {
            return;
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> {
                String p = SeedDocument.child(pointer, f.getKey());
                member.accept(p, f.getValue());
                walk(f.getValue(), p, depth - 1, value, member);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                if (i < 2 || i == node.size() - 1) {
                    walk(node.get(i), pointer + "/" + i, depth - 1, value, member);
                }
            }
        }
    }

    // ---------------------------------------------------------------- encodings and spellings

    /**
     * Encoding variants of every base64 field. pylock-trust decodes the attestation's own fields (certificate,
     * statement, signature, timestamps) and tolerates line breaks and spaces there; the transparency entry goes to
     * sigstore-java's protobuf reader, which may accept other variants (URL-safe, unpadded): for those fields any
     * variant may be rejected or must verify exactly as the seed.
     */
    private void base64Encodings(String a) {
        List<String> ours = new ArrayList<>(List.of(a + VM + "/certificate", a + "/envelope/statement",
                a + "/envelope/signature"));
        for (int i = 0; i < doc.at(a + VM + "/timestamps").size(); i++) {
            ours.add(a + VM + "/timestamps/" + i);
        }
        String entry = a + ENTRY;
        List<String> theirs = new ArrayList<>(List.of(entry + "/canonicalizedBody",
                entry + "/inclusionPromise/signedEntryTimestamp", entry + "/logId/keyId",
                entry + "/inclusionProof/rootHash"));
        int hashes = doc.at(entry + "/inclusionProof/hashes").size();
        if (hashes > 0) {
            theirs.add(entry + "/inclusionProof/hashes/0");
            theirs.add(entry + "/inclusionProof/hashes/" + (hashes - 1));
        }
        for (String p : ours) {
            base64Encodings(p, true);
        }
        for (String p : theirs) {
            base64Encodings(p, false);
        }
    }

    private void base64Encodings(String pointer, boolean ours) {
        JsonNode node = doc.at(pointer);
        if (!node.isTextual()) {
            return;
        }
        String canonical = SeedDocument.encode(SeedDocument.decode(node.textValue()));
        var tolerated = ours ? NEUTRAL : REJECTED_OR_IDENTICAL;
        var invalid = ours ? REJECTED : REJECTED_OR_IDENTICAL;
        for (Base64Variant v : Base64Variant.values()) {
            String text = v.apply(canonical, random);
            if (text != null && !text.equals(canonical)) {
                var expectation = switch (v.kind) {
                    case SAME_BYTES -> tolerated;
                    case INVALID -> invalid;
                    case AMBIGUOUS -> REJECTED_OR_IDENTICAL;
                    case OTHER_BYTES -> REJECTED;
                };
                out.add(doc.edited("base64: " + v.label, pointer + " = " + SeedDocument.quote(text), expectation,
                        r -> SeedDocument.set(r, pointer, TextNode.valueOf(text))));
            }
        }
    }

    private void spellings() {
        JsonNode tree = doc.tree();
        out.add(doc.mutant("neutral: re-serialized", "compact Jackson output", NEUTRAL,
                () -> SeedDocument.compact(tree)));
        out.add(doc.mutant("neutral: pretty-printed", "indented", NEUTRAL, () -> {
            try {
                return SeedDocument.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(tree);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }));
        out.add(doc.mutant("neutral: escaped solidus", "every / written \\/", NEUTRAL,
                () -> JsonSpelling.plain(0).withEscapedSolidus().write(tree)));
        for (int i = 0; i < SPELLINGS; i++) {
            long s = random.nextLong();
            out.add(doc.mutant("neutral: whitespace", "random JSON whitespace, seed " + s, NEUTRAL,
                    () -> JsonSpelling.plain(s).withWhitespace(0.3).write(tree)));
            out.add(doc.mutant("neutral: key order", "shuffled keys, seed " + s, NEUTRAL,
                    () -> JsonSpelling.plain(s).withShuffledKeys().write(tree)));
            out.add(doc.mutant("neutral: \\u escapes", "5% of string characters as \\uXXXX, seed " + s, NEUTRAL,
                    () -> JsonSpelling.plain(s).withEscapes(0.05).write(tree)));
        }
    }

    /** Base64 spellings: of the same bytes, invalid ones, ambiguous ones, and ones of other bytes. */
    private enum Base64Variant {
        MIME_LINES("line breaks every 76 (CRLF)", Kind.SAME_BYTES),
        LF_LINES("line breaks every 64 (LF)", Kind.SAME_BYTES),
        SPACE("a space inside", Kind.SAME_BYTES),
        UNPADDED("padding removed", Kind.INVALID),
        EXTRA_PADDING("extra padding", Kind.INVALID),
        URL_SAFE("URL-safe alphabet", Kind.INVALID),
        INVALID_CHARACTER("a character outside the alphabet", Kind.INVALID),
        DROPPED_CHARACTER("one character dropped", Kind.INVALID),
        PADDING_BITS("non-zero padding bits", Kind.AMBIGUOUS),
        HALF("truncated to half", Kind.OTHER_BYTES),
        EMPTY("empty", Kind.OTHER_BYTES);

        enum Kind { SAME_BYTES, INVALID, AMBIGUOUS, OTHER_BYTES }

        private static final String BAD = "!-_.*#é\u0000";

        final String label;
        final Kind kind;

        Base64Variant(String label, Kind kind) {
            this.label = label;
            this.kind = kind;
        }

        /** The variant of {@code s} (canonical base64), or null when it does not apply. */
        String apply(String s, Random random) {
            return switch (this) {
                case MIME_LINES -> wrap(s, 76, "\r\n");
                case LF_LINES -> wrap(s, 64, "\n");
                case SPACE -> s.length() < 2 ? null : insert(s, 1 + random.nextInt(s.length() - 1), " ");
                case UNPADDED -> s.endsWith("=") ? s.replace("=", "") : null;
                case EXTRA_PADDING -> s + "==";
                case URL_SAFE -> s.replace('+', '-').replace('/', '_');
                case INVALID_CHARACTER -> {
                    int i = random.nextInt(s.length());
                    yield s.substring(0, i) + BAD.charAt(random.nextInt(BAD.length())) + s.substring(i + 1);
                }
                case DROPPED_CHARACTER -> {
                    int i = random.nextInt(s.length());
                    yield s.substring(0, i) + s.substring(i + 1);
                }
                case PADDING_BITS -> paddingBits(s);
                case HALF -> s.substring(0, s.length() / 8 * 4);
                case EMPTY -> "";
            };
        }

        private static String wrap(String s, int width, String newline) {
            if (s.length() <= width) {
                return null;
            }
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < s.length(); i += width) {
                out.append(s, i, Math.min(s.length(), i + width)).append(newline);
            }
            return out.toString();
        }

        private static String insert(String s, int at, String what) {
            return s.substring(0, at) + what + s.substring(at);
        }

        /** Sets the unused low bits of the last character before the padding (which decoders may ignore). */
        private static String paddingBits(String s) {
            int pad = s.endsWith("==") ? 2 : s.endsWith("=") ? 1 : 0;
            if (pad == 0) {
                return null;
            }
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
            int i = s.length() - pad - 1;
            int value = alphabet.indexOf(s.charAt(i)) | (pad == 2 ? 0x0f : 0x03);
            return s.substring(0, i) + alphabet.charAt(value) + s.substring(i + 1);
        }
    }
}
