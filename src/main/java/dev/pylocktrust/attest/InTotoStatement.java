package dev.pylocktrust.attest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pylocktrust.Ascii;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The in-toto v1 statement inside an attestation's envelope, as far as PEP 740 constrains it.
 *
 * @param type the {@code _type} value
 * @param subjects every subject (PEP 740 requires exactly one; that is checked by the verifier, not here)
 * @param predicateType the {@code predicateType} value
 * @param predicateJson the predicate as compact JSON ({@code null} when absent or JSON null)
 */
public record InTotoStatement(String type, List<Subject> subjects, String predicateType, String predicateJson) {
    public static final String STATEMENT_V1 = "https://in-toto.io/Statement/v1";
    public static final String PYPI_PUBLISH_V1 = "https://docs.pypi.org/attestations/publish/v1";
    public static final String SLSA_PROVENANCE_V1 = "https://slsa.dev/provenance/v1";
    static final int MAX_SUBJECTS = 64;

    /**
     * One subject.
     *
     * @param name the distribution filename as signed (may be a normalized spelling of the real filename)
     * @param digests algorithm to hex digest, e.g. {@code sha256}
     */
    public record Subject(String name, Map<String, String> digests) {
        public Subject {
            digests = Collections.unmodifiableMap(new TreeMap<>(digests));
        }

        /** The lower-cased sha256 hex digest, if present. */
        public Optional<String> sha256() {
            return Optional.ofNullable(digests.get("sha256")).map(Ascii::toLowerCase);
        }
    }

    public InTotoStatement {
        subjects = List.copyOf(subjects);
    }

    /** A short human name for a predicate type. */
    public static String describePredicateType(String predicateType) {
        if (PYPI_PUBLISH_V1.equals(predicateType)) {
            return "PyPI publish v1";
        }
        if (SLSA_PROVENANCE_V1.equals(predicateType)) {
            return "SLSA provenance v1";
        }
        return "unknown";
    }

    /**
     * Parses the statement bytes.
     *
     * @throws MalformedAttestationException naming the offending key
     */
    static InTotoStatement parse(byte[] statement) {
        ObjectNode root = Json.parseObject(statement, "statement");
        String type = Json.string(root, "_type", "statement");
        var subjectsNode = Json.array(root, "subject", "statement");
        List<Subject> subjects = new ArrayList<>();
        int i = 0;
        for (JsonNode s : Json.elements(subjectsNode, MAX_SUBJECTS, "statement.subject")) {
            String path = "statement.subject[" + i++ + "]";
            if (!s.isObject()) {
                throw Json.wrongType(path, "an object", s);
            }
            String name = Json.string(s, "name", path);
            var digestNode = Json.object(s, "digest", path);
            Map<String, String> digests = new TreeMap<>();
            var it = digestNode.fields();
            while (it.hasNext()) {
                var e = it.next();
                if (!e.getValue().isTextual()) {
                    throw Json.wrongType(path + ".digest." + e.getKey(), "a string", e.getValue());
                }
                digests.put(e.getKey(), e.getValue().textValue());
            }
            subjects.add(new Subject(name, digests));
        }
        String predicateType = Json.string(root, "predicateType", "statement");
        JsonNode predicate = root.get("predicate");
        String predicateJson = predicate == null || predicate.isNull() ? null : predicate.toString();
        return new InTotoStatement(type, subjects, predicateType, predicateJson);
    }
}
