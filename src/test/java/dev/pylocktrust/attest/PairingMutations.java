package dev.pylocktrust.attest;

import static dev.pylocktrust.attest.Mutant.Expectation.NEUTRAL;
import static dev.pylocktrust.attest.Mutant.Expectation.REJECTED;
import static dev.pylocktrust.attest.Mutant.Expectation.REJECTED_OR_EQUIVALENT;
import static dev.pylocktrust.attest.Mutant.Expectation.REJECTED_OR_IDENTICAL;
import static dev.pylocktrust.attest.SeedDocument.ENTRY;
import static dev.pylocktrust.attest.SeedDocument.VM;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pylocktrust.python.DistributionFilename;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The mutants that pair a seed with something that belongs elsewhere: another file's name or digest, another
 * publisher, another file's attestation or whole document, another trust root, and parts of other attestations
 * swapped in (certificate, signature, statement, transparency entry and each of its parts). All of them must be
 * rejected, except the spellings of the same filename and digest, and repeating or dropping whole attestations and
 * bundles (which can prove no more than the seed).
 */
final class PairingMutations {
    /** The parts of an attestation that swaps exchange, relative to the attestation. */
    private static final Map<String, String> PARTS = parts();

    private final SeedDocument doc;
    private final List<SeedDocument> all;
    private final List<Mutant> out = new ArrayList<>();

    PairingMutations(SeedDocument doc, List<SeedDocument> all) {
        this.doc = doc;
        this.all = all;
    }

    List<Mutant> build() {
        distributions();
        otherRoot();
        if (doc.seed().mode() == MutationSeed.Mode.PROVENANCE) {
            publishers();
            repetitions();
        }
        otherFiles();
        swaps();
        return List.copyOf(out);
    }

    private static Map<String, String> parts() {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("certificate", VM + "/certificate");
        parts.put("signature", "/envelope/signature");
        parts.put("statement", "/envelope/statement");
        parts.put("transparency entry", VM + "/transparency_entries");
        parts.put("log entry body", ENTRY + "/canonicalizedBody");
        parts.put("inclusion proof", ENTRY + "/inclusionProof");
        parts.put("signed entry timestamp", ENTRY + "/inclusionPromise");
        parts.put("checkpoint", ENTRY + "/inclusionProof/checkpoint");
        parts.put("log index", ENTRY + "/logIndex");
        parts.put("integrated time", ENTRY + "/integratedTime");
        parts.put("RFC 3161 timestamps", VM + "/timestamps");
        return parts;
    }

    // ---------------------------------------------------------------- the distribution

    private void distributions() {
        Distribution own = doc.seed().distribution();
        DistributionFilename ownName = DistributionFilename.parse(own.filename());
        for (String name : all.stream().map(d -> d.seed().distribution().filename()).distinct().toList()) {
            if (!DistributionFilename.parse(name).sameDistribution(ownName)) {
                verifyFor("pair: another file's name", name, new Distribution(name, own.sha256Hex()), REJECTED);
            }
        }
        for (String sha : all.stream().map(d -> d.seed().distribution().sha256Hex()).distinct().toList()) {
            if (!sha.equals(own.sha256Hex())) {
                verifyFor("pair: another file's digest", sha, new Distribution(own.filename(), sha), REJECTED);
            }
        }
        String sha = own.sha256Hex();
        verifyFor("pair: another file's digest", "all zeros", new Distribution(own.filename(), "0".repeat(64)),
                REJECTED);
        String lastDigit = sha.substring(0, 63) + (sha.charAt(63) == '0' ? '1' : '0');
        verifyFor("pair: another file's digest", "last digit changed", new Distribution(own.filename(), lastDigit),
                REJECTED);
        verifyFor("pair: the digest in upper case", "", new Distribution(own.filename(), sha.toUpperCase(Locale.ROOT)),
                NEUTRAL);
        FilenameSpellings spellings = FilenameSpellings.of(own.filename());
        for (String same : spellings.sameDistribution()) {
            verifyFor("pair: another spelling of the filename", same, new Distribution(same, sha),
                    REJECTED_OR_IDENTICAL);
        }
        for (String other : spellings.otherDistributions()) {
            verifyFor("pair: a similar filename", other, new Distribution(other, sha), REJECTED);
        }
    }

    private void verifyFor(String mutationClass, String description, Distribution distribution,
                           Mutant.Expectation expectation) {
        byte[] document = doc.seed().document();
        out.add(new Mutant(mutationClass, doc.seed().name() + ": for " + distribution.filename() + " "
                + distribution.sha256Hex() + " (" + description + ")", expectation, () -> document, distribution,
                doc.seed().root()));
    }

    private void otherRoot() {
        TrustRoot root = doc.seed().root();
        TrustRoot other = root.sha256().equals(Fixtures.production().sha256()) ? Fixtures.staging()
                : Fixtures.production();
        byte[] document = doc.seed().document();
        out.add(new Mutant("pair: another trust root", doc.seed().name() + ": verified under " + other.label(),
                REJECTED, () -> document, doc.seed().distribution(), other));
    }

    // ---------------------------------------------------------------- the publisher

    /**
     * Every other publisher of the corpus, and near misses of the own one: another workflow, another repository,
     * another kind with the same keys. An environment, an extra key, or no environment may verify: without
     * Fulcio's environment extension the environment is the index's word only, and an extra key is not identity.
     */
    private void publishers() {
        List<JsonNode> others = new ArrayList<>();
        for (SeedDocument d : all) {
            d.bundles().forEach(b -> others.add(d.at(b + "/publisher")));
        }
        for (String b : doc.bundles()) {
            String pointer = b + "/publisher";
            ObjectNode own = (ObjectNode) doc.at(pointer);
            Publisher ownPublisher = Publishers.fromJson(own, "publisher");
            for (JsonNode other : others.stream().distinct().toList()) {
                if (!Publishers.fromJson(other, "publisher").sameIdentity(ownPublisher)) {
                    publisher("pair: another publisher", pointer, other, REJECTED);
                }
            }
            for (String key : List.of("workflow", "workflow_filepath", "email")) {
                if (own.hasNonNull(key)) {
                    publisher("pair: another publisher", pointer, own.deepCopy().put(key, "x" + own.get(key).asText()),
                            REJECTED);
                }
            }
            if (own.hasNonNull("repository")) {
                publisher("pair: another publisher", pointer, own.deepCopy().put("repository",
                        own.get("repository").asText() + "-fork"), REJECTED);
                publisher("pair: another publisher", pointer, own.deepCopy().put("repository",
                        "attacker/" + own.get("repository").asText().replaceFirst(".*/", "")), REJECTED);
            }
            String kind = own.path("kind").asText();
            ObjectNode swapped = own.deepCopy().put("kind", kind.equals("GitHub") ? "GitLab" : "GitHub");
            if (swapped.has("workflow")) {
                swapped.set("workflow_filepath", swapped.remove("workflow"));
            } else if (swapped.has("workflow_filepath")) {
                swapped.set("workflow", swapped.remove("workflow_filepath"));
            }
            publisher("pair: another publisher kind", pointer, swapped, REJECTED);
            publisher("pair: publisher with another environment", pointer, own.deepCopy().put("environment", "evil"),
                    REJECTED_OR_EQUIVALENT);
            ObjectNode withoutEnvironment = own.deepCopy();
            withoutEnvironment.remove("environment");
            publisher("pair: publisher without environment", pointer, withoutEnvironment, REJECTED_OR_EQUIVALENT);
            publisher("pair: publisher with an extra key", pointer,
                    own.deepCopy().put("workflow_ref", "refs/heads/evil"), REJECTED_OR_EQUIVALENT);
        }
    }

    /**
     * A swap must be rejected, except where the part does not count: a Rekor v2 entry's integrated time (always 0,
     * never read), and RFC 3161 timestamps removed from an entry that has its own signed time (it proves less).
     */
    private Mutant.Expectation swapExpectation(String part, String own, JsonNode theirs) {
        boolean rekorV2 = "0.0.2".equals(doc.at(own + ENTRY + "/kindVersion/version").asText());
        if (part.equals("integrated time") && rekorV2) {
            return REJECTED_OR_IDENTICAL;
        }
        if (part.equals("RFC 3161 timestamps") && theirs.isMissingNode() && !rekorV2) {
            return REJECTED_OR_EQUIVALENT;
        }
        return REJECTED;
    }

    private void publisher(String mutationClass, String pointer, JsonNode publisher, Mutant.Expectation expectation) {
        out.add(doc.edited(mutationClass, pointer + " = " + publisher, expectation,
                r -> SeedDocument.set(r, pointer, publisher.deepCopy())));
    }

    /** Attestations and bundles repeated or dropped: never more than the seed proves. */
    private void repetitions() {
        for (String b : doc.bundles()) {
            ArrayNode attestations = (ArrayNode) doc.at(b + "/attestations");
            out.add(doc.edited("pair: attestations repeated or dropped", b + " first attestation repeated",
                    REJECTED_OR_EQUIVALENT, r -> ((ArrayNode) r.at(b + "/attestations")).add(attestations.get(0))));
            if (attestations.size() > 1) {
                out.add(doc.edited("pair: attestations repeated or dropped", b + " last attestation dropped",
                        REJECTED_OR_EQUIVALENT,
                        r -> ((ArrayNode) r.at(b + "/attestations")).remove(attestations.size() - 1)));
            }
        }
        JsonNode bundle = doc.at("/attestation_bundles/0");
        out.add(doc.edited("pair: attestations repeated or dropped", "first bundle repeated", REJECTED_OR_EQUIVALENT,
                r -> ((ArrayNode) r.get("attestation_bundles")).add(bundle)));
    }

    // ---------------------------------------------------------------- other files and other attestations

    /** The whole document of another file, and another file's attestation in place of each own one. */
    private void otherFiles() {
        for (SeedDocument other : all) {
            if (other.seed().distribution().sha256Hex().equals(doc.seed().distribution().sha256Hex())) {
                continue;
            }
            JsonNode theirs = other.at(other.attestations().get(0));
            if (other.seed().mode() == doc.seed().mode()) {
                out.add(doc.mutant("pair: the document of another file", other.seed().name(), REJECTED,
                        () -> other.seed().document()));
            }
            for (String a : doc.attestations()) {
                out.add(a.isEmpty()
                        ? doc.mutant("pair: the attestation of another file", other.seed().name(), REJECTED,
                                () -> SeedDocument.compact(theirs))
                        : doc.edited("pair: the attestation of another file", a + " from " + other.seed().name(),
                                REJECTED, r -> SeedDocument.set(r, a, theirs.deepCopy())));
            }
        }
    }

    /**
     * Each part of the own first attestation replaced by the same part of every other attestation (other documents,
     * and the other attestations of this one).
     */
    private void swaps() {
        String own = doc.attestations().get(0);
        String ownCertificate = doc.certificate(own);
        for (SeedDocument other : all) {
            for (String a : other.attestations()) {
                if (other.certificate(a).equals(ownCertificate)) {
                    continue;
                }
                String from = other == doc ? "attestation " + a : other.seed().name();
                PARTS.forEach((part, relative) -> {
                    JsonNode theirs = other.at(a + relative);
                    JsonNode mine = doc.at(own + relative);
                    if ((theirs.isMissingNode() && mine.isMissingNode()) || theirs.equals(mine)) {
                        return;
                    }
                    out.add(doc.edited("pair: swapped " + part, own + relative + " from " + from,
                            swapExpectation(part, own, theirs), r -> {
                        if (theirs.isMissingNode()) {
                            SeedDocument.remove(r, own + relative);
                        } else {
                            SeedDocument.set(r, own + relative, theirs.deepCopy());
                        }
                    }));
                });
            }
        }
    }
}
