package dev.pylocktrust.attest;

import static dev.pylocktrust.attest.Mutant.Expectation.REJECTED;
import static dev.pylocktrust.attest.Mutant.Expectation.REJECTED_OR_EQUIVALENT;
import static dev.pylocktrust.attest.Mutant.Expectation.REJECTED_OR_IDENTICAL;
import static dev.pylocktrust.attest.SeedDocument.ENTRY;
import static dev.pylocktrust.attest.SeedDocument.VM;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The mutants of one seed document on its own: every byte of the small fields, then {@link EncodingMutations} (JSON
 * structure, base64 encodings, spellings), and (budgeted) seeded random edits of the large fields and of the raw
 * document bytes.
 *
 * <p>An attestation whose certificate an earlier seed already covered (the same attestation in two documents) gets
 * only the mutants of its document's spelling, not its byte-level ones again.
 */
final class SeedMutations {
    private final SeedDocument doc;
    private final Random random;
    private final List<String> fresh = new ArrayList<>();
    private final List<Mutant> out = new ArrayList<>();

    /**
     * @param covered certificates (hex) whose byte-level mutants exist already; this seed's are added
     */
    SeedMutations(SeedDocument doc, long randomSeed, Set<String> covered) {
        this.doc = doc;
        this.random = new Random(randomSeed);
        for (String a : doc.attestations()) {
            if (covered.add(doc.certificate(a))) {
                fresh.add(a);
            }
        }
    }

    /** Every mutant that does not depend on a budget. */
    List<Mutant> systematic() {
        for (String a : fresh) {
            smallFields(a);
            statementFields(a);
        }
        for (String b : doc.bundles()) {
            publisher(b + "/publisher");
        }
        out.addAll(new EncodingMutations(doc, random).of(fresh));
        return List.copyOf(out);
    }

    /** A large base64 field of the document and the report row of its random edits. */
    private record LargeField(String mutationClass, String pointer) {}

    /**
     * {@code count} seeded random edits: of the raw document bytes (a third of them, and all when every certificate
     * is covered already), and of the decoded large fields (certificate, statement, log entry body, timestamps).
     */
    List<Mutant> random(int count) {
        List<Mutant> mutants = new ArrayList<>();
        List<LargeField> fields = new ArrayList<>();
        for (String a : fresh) {
            fields.add(new LargeField("random: certificate", a + VM + "/certificate"));
            fields.add(new LargeField("random: statement", a + "/envelope/statement"));
            fields.add(new LargeField("random: log entry body", a + ENTRY + "/canonicalizedBody"));
            for (int i = 0; i < doc.at(a + VM + "/timestamps").size(); i++) {
                fields.add(new LargeField("random: RFC 3161 timestamp", a + VM + "/timestamps/" + i));
            }
        }
        byte[] document = doc.seed().document();
        for (int n = 0; n < count; n++) {
            if (fields.isEmpty() || random.nextInt(3) == 0) {
                ByteEdit edit = ByteEdit.random(random, document.length);
                mutants.add(doc.mutant("random: document bytes", edit.toString(), REJECTED_OR_EQUIVALENT,
                        () -> edit.apply(document)));
            } else {
                LargeField field = fields.get(random.nextInt(fields.size()));
                byte[] bytes = SeedDocument.decode(doc.at(field.pointer()).asText());
                ByteEdit edit = ByteEdit.random(random, bytes.length);
                // Unsigned parts of an RFC 3161 token (e.g. the certificates it embeds) may be ignored.
                var expectation = field.mutationClass().endsWith("timestamp") ? REJECTED_OR_IDENTICAL : REJECTED;
                mutants.add(doc.edited(field.mutationClass(), field.pointer() + " " + edit, expectation,
                        r -> SeedDocument.set(r, field.pointer(),
                                TextNode.valueOf(SeedDocument.encode(edit.apply(bytes))))));
            }
        }
        return mutants;
    }

    // ---------------------------------------------------------------- every byte of the small fields

    private void smallFields(String a) {
        String entry = a + ENTRY;
        boolean rekorV1 = "0.0.1".equals(doc.at(entry + "/kindVersion/version").asText());
        decodedBytes("byte: signature", a + "/envelope/signature");
        decodedBytes("byte: signed entry timestamp", entry + "/inclusionPromise/signedEntryTimestamp");
        decodedBytes("byte: log id", entry + "/logId/keyId");
        decodedBytes("byte: root hash", entry + "/inclusionProof/rootHash");
        for (int i = 0; i < doc.at(entry + "/inclusionProof/hashes").size(); i++) {
            decodedBytes("byte: inclusion proof hashes", entry + "/inclusionProof/hashes/" + i);
        }
        chars("byte: log index", entry + "/logIndex", REJECTED);
        // Rekor v2 entries carry no integrated time (0): nothing reads it, so changing it may change nothing.
        chars("byte: integrated time", entry + "/integratedTime", rekorV1 ? REJECTED : REJECTED_OR_IDENTICAL);
        chars("byte: inclusion proof log index", entry + "/inclusionProof/logIndex", REJECTED);
        chars("byte: tree size", entry + "/inclusionProof/treeSize", REJECTED);
        chars("byte: entry kind and version", entry + "/kindVersion/kind", REJECTED);
        chars("byte: entry kind and version", entry + "/kindVersion/version", REJECTED);
        String checkpoint = entry + "/inclusionProof/checkpoint/envelope";
        String note = doc.at(checkpoint).asText();
        // A signed note: the text up to the blank line is signed; a signature line names a key and may be ignored.
        int signed = note.indexOf("\n\n") < 0 ? note.length() : note.indexOf("\n\n") + 2;
        chars("byte: checkpoint (signed text)", checkpoint, 0, signed, REJECTED);
        chars("byte: checkpoint (signature line)", checkpoint, signed, note.length(), REJECTED_OR_IDENTICAL);
    }

    /** Flips one seeded bit of every decoded byte of a base64 field. */
    private void decodedBytes(String mutationClass, String pointer) {
        JsonNode node = doc.at(pointer);
        if (!node.isTextual()) {
            return;
        }
        byte[] bytes = SeedDocument.decode(node.textValue());
        for (int i = 0; i < bytes.length; i++) {
            ByteEdit edit = ByteEdit.flip(i, random.nextInt(8));
            out.add(doc.edited(mutationClass, pointer + " " + edit, REJECTED,
                    r -> SeedDocument.set(r, pointer, TextNode.valueOf(SeedDocument.encode(edit.apply(bytes))))));
        }
    }

    private void chars(String mutationClass, String pointer, Mutant.Expectation expectation) {
        chars(mutationClass, pointer, 0, doc.at(pointer).asText().length(), expectation);
    }

    /**
     * Changes every character of a string in {@code [from, to)} (one seeded bit of seven, so it stays ASCII when it
     * was), or every digit of a number (to another digit).
     */
    private void chars(String mutationClass, String pointer, int from, int to, Mutant.Expectation expectation) {
        JsonNode node = doc.at(pointer);
        if (node.isTextual()) {
            String s = node.textValue();
            for (int i = from; i < to; i++) {
                String m = s.substring(0, i) + (char) (s.charAt(i) ^ (1 << random.nextInt(7))) + s.substring(i + 1);
                out.add(doc.edited(mutationClass, pointer + " = " + SeedDocument.quote(m), expectation,
                        r -> SeedDocument.set(r, pointer, TextNode.valueOf(m))));
            }
        } else if (node.isIntegralNumber()) {
            String digits = node.asText();
            for (int i = from; i < Math.min(to, digits.length()); i++) {
                if (!Character.isDigit(digits.charAt(i))) {
                    continue;
                }
                char d = (char) ('0' + (digits.charAt(i) - '0' + 1 + random.nextInt(9)) % 10);
                String m = digits.substring(0, i) + d + digits.substring(i + 1);
                out.add(doc.edited(mutationClass, pointer + " = " + m, expectation,
                        r -> SeedDocument.set(r, pointer,
                                SeedDocument.JSON.getNodeFactory().numberNode(new BigInteger(m)))));
            }
        }
    }

    /** Every character of every publisher value: a seeded bit, and its case (repositories compare ignoring case). */
    private void publisher(String pointer) {
        Iterator<Map.Entry<String, JsonNode>> fields = doc.at(pointer).fields();
        while (fields.hasNext()) {
            var field = fields.next();
            String p = SeedDocument.child(pointer, field.getKey());
            if (!field.getValue().isTextual()) {
                continue;
            }
            chars("byte: publisher", p, REJECTED_OR_EQUIVALENT);
            String s = field.getValue().textValue();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.isLetter(c) && c < 0x80) {
                    String m = s.substring(0, i) + (char) (c ^ 0x20) + s.substring(i + 1);
                    out.add(doc.edited("byte: publisher (letter case)", p + " = " + SeedDocument.quote(m),
                            REJECTED_OR_EQUIVALENT, r -> SeedDocument.set(r, p, TextNode.valueOf(m))));
                }
            }
        }
    }

    /** Every byte of the statement's type, subject name, subject digest and predicate type, in the signed bytes. */
    private void statementFields(String a) {
        String pointer = a + "/envelope/statement";
        byte[] statement = SeedDocument.decode(doc.at(pointer).asText());
        int subject = indexOf(statement, "\"subject\"", 0);
        statementSpan("byte: statement type", pointer, statement, "_type", 0);
        statementSpan("byte: subject name", pointer, statement, "name", subject);
        statementSpan("byte: subject digest", pointer, statement, "sha256", subject);
        statementSpan("byte: predicate type", pointer, statement, "predicateType", 0);
    }

    private void statementSpan(String mutationClass, String pointer, byte[] statement, String key, int from) {
        int start = indexOf(statement, "\"" + key + "\"", Math.max(from, 0));
        if (from < 0 || start < 0) {
            throw new IllegalStateException(doc.seed().name() + ": no \"" + key + "\" in the statement");
        }
        int open = start + key.length() + 2;
        while (statement[open] != '"') {
            open++;
        }
        for (int i = open + 1; statement[i] != '"'; i++) {
            ByteEdit edit = ByteEdit.flip(i, random.nextInt(7));
            out.add(doc.edited(mutationClass, pointer + " " + edit + " (in \"" + key + "\")", REJECTED,
                    r -> SeedDocument.set(r, pointer, TextNode.valueOf(SeedDocument.encode(edit.apply(statement))))));
        }
    }

    // ---------------------------------------------------------------- helpers

    private static int indexOf(byte[] haystack, String needle, int from) {
        byte[] n = needle.getBytes(StandardCharsets.UTF_8);
        for (int i = from; i <= haystack.length - n.length; i++) {
            if (Arrays.equals(haystack, i, i + n.length, n, 0, n.length)) {
                return i;
            }
        }
        return -1;
    }
}
