package dev.pylocktrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pylocktrust.attest.Tamper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code bin/pylock-trust inspect} run as a process on the packaged jar: every real fixture prints its identity and
 * exits 0; every tampering case exits 1 with its reason on stderr; malformed input exits 2.
 */
class InspectIT {
    private static final ObjectMapper M = new ObjectMapper();
    private static final String F = "src/test/resources/fixtures/";
    private static final String PUBLISH = "pypi_attestations-0.0.19.tar.gz.publish.attestation.json";
    private static final String SLSA = "pypi_attestations-0.0.19.tar.gz.slsa.attestation.json";
    private static final String DIST = F + "dists/pypi_attestations-0.0.19.tar.gz";
    private static final String STAGING = F + "trust/staging.trusted_root.json";

    @TempDir
    static Path dir;

    private static JsonNode manifest;

    @BeforeAll
    static void readManifest() throws IOException {
        manifest = M.readTree(Files.readAllBytes(Path.of(F + "manifest.json")));
    }

    private static JsonNode factsFor(String subject) {
        for (JsonNode a : manifest.path("attestations")) {
            if (a.path("subject_name").asText().equals(subject)) {
                return a;
            }
        }
        throw new IllegalArgumentException(subject);
    }

    private static List<String> distArgs(JsonNode facts) {
        String name = facts.path("subject_name").asText();
        return facts.path("dist_present").asBoolean() ? List.of("--dist", F + "dists/" + name)
                : List.of("--filename", name, "--sha256", facts.path("subject_sha256").asText());
    }

    static Stream<Arguments> provenances() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode p : M.readTree(Files.readAllBytes(Path.of(F + "manifest.json"))).path("provenance")) {
            JsonNode pub = p.path("publishers").get(0);
            String kind = pub.path("kind").asText();
            String identity = kind.equals("Google") ? "Google " + pub.path("email").asText()
                    : kind + " " + pub.path("repository").asText() + " ("
                    + pub.path(kind.equals("GitHub") ? "workflow" : "workflow_filepath").asText() + ")";
            out.add(Arguments.of(p.path("file").asText(), p.path("subject_name").asText(), identity));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("provenances")
    void realProvenancePrintsItsIdentity(String file, String subject, String identity) {
        List<String> args = new ArrayList<>(List.of("inspect", F + file));
        args.addAll(distArgs(factsFor(subject)));
        var r = LauncherRunner.run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stderr()).isEmpty();
        assertThat(r.stdout()).contains("  publisher:       " + identity + " (as the index asserts it)\n")
                .contains("result: VERIFIED");
    }

    static Stream<Arguments> attestations() {
        List<Arguments> out = new ArrayList<>();
        manifest().path("attestations").forEach(a -> out.add(Arguments.of(a.path("file").asText(), a)));
        return out.stream();
    }

    private static JsonNode manifest() {
        try {
            return M.readTree(Files.readAllBytes(Path.of(F + "manifest.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attestations")
    void realAttestationPrintsItsSigner(String file, JsonNode facts) {
        List<String> args = new ArrayList<>(List.of("inspect", F + file));
        args.addAll(distArgs(facts));
        if (facts.path("sigstore_instance").asText().equals("staging")) {
            args.addAll(List.of("--trusted-root", STAGING));
        }
        var r = LauncherRunner.run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("  signed by:       " + facts.path("cert").path("san").get(0).asText())
                .contains("  publisher:       no publisher asserted")
                .contains("index " + facts.path("tlog").path("log_index").asText());
    }

    private static String write(String name, byte[] bytes) {
        try {
            Path p = dir.resolve(name);
            Files.write(p, bytes);
            return p.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A provenance whose single bundle has the given publisher and attestation. */
    private static byte[] provenance(byte[] attestation, Consumer<ObjectNode> publisher) {
        try {
            ObjectNode p = M.createObjectNode();
            p.put("version", 1);
            ObjectNode bundle = p.putArray("attestation_bundles").addObject();
            ObjectNode pub = bundle.putObject("publisher");
            pub.put("kind", "GitHub").put("repository", "trailofbits/pypi-attestations").put("workflow", "release.yml")
                    .putNull("environment");
            publisher.accept(pub);
            bundle.putArray("attestations").add(M.readTree(attestation));
            return M.writeValueAsBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tampered(String name, Tamper t) {
        return write(name + ".provenance.json", provenance(t.bytes(), p -> { }));
    }

    static Stream<Arguments> tamperings() throws IOException {
        byte[] distBytes = Files.readAllBytes(Path.of(DIST));
        byte[] flipped = distBytes.clone();
        flipped[100] ^= 0x01;
        String flippedDist = write("pypi_attestations-0.0.19.tar.gz", flipped);
        Files.createDirectories(dir.resolve("renamed"));
        String renamedDist = dir.resolve("renamed/pypi_attestations-0.0.18.tar.gz").toString();
        Files.write(Path.of(renamedDist), distBytes);
        String evilSha = "1".repeat(64);
        String base = tampered("untouched", Tamper.of(PUBLISH));
        return Stream.of(
                Arguments.of("flipped byte of the dist", List.of(base, "--dist", flippedDist), 1,
                        "rejected (sha256 differs)"),
                Arguments.of("renamed dist", List.of(base, "--dist", renamedDist), 1,
                        "rejected (subject is another distribution)"),
                Arguments.of("edited subject", List.of(tampered("edited-subject", Tamper.of(PUBLISH).statement(st ->
                                ((ObjectNode) st.path("subject").get(0).path("digest")).put("sha256", evilSha))),
                        "--filename", "pypi_attestations-0.0.19.tar.gz", "--sha256", evilSha), 1,
                        "rejected (invalid signature)"),
                Arguments.of("swapped certificate", List.of(tampered("swapped-cert",
                        Tamper.of(PUBLISH).certificateFrom(SLSA)), "--dist", DIST), 1,
                        "rejected (certificate differs from the one in the transparency log)"),
                Arguments.of("swapped signature", List.of(tampered("swapped-sig",
                        Tamper.of(PUBLISH).signatureFrom(SLSA)), "--dist", DIST), 1, "rejected (invalid signature)"),
                Arguments.of("swapped log entry", List.of(tampered("swapped-entry",
                        Tamper.of(PUBLISH).entryFrom(SLSA)), "--dist", DIST), 1,
                        "rejected (transparency log entry does not match the attestation)"),
                Arguments.of("altered integrated time", List.of(tampered("integrated-time", Tamper.of(PUBLISH)
                        .editEntry(e -> e.put("integratedTime", "1733354100"))), "--dist", DIST), 1,
                        "rejected (signed entry timestamp missing or invalid)"),
                Arguments.of("integrated time outside the certificate", List.of(tampered("integrated-time-late",
                        Tamper.of(PUBLISH).editEntry(e -> e.put("integratedTime", "1733440441"))), "--dist", DIST), 1,
                        "rejected (signing time outside the certificate validity)"),
                Arguments.of("altered inclusion hash", List.of(tampered("inclusion-hash", Tamper.of(PUBLISH)
                        .editEntry(e -> {
                            ArrayNode h = (ArrayNode) e.path("inclusionProof").path("hashes");
                            byte[] b = Base64.getDecoder().decode(h.get(0).asText());
                            b[5] ^= 0x10;
                            h.set(0, Base64.getEncoder().encodeToString(b));
                        })), "--dist", DIST), 1, "rejected (inclusion proof missing or invalid)"),
                Arguments.of("altered checkpoint", List.of(tampered("checkpoint", Tamper.of(PUBLISH).editEntry(e -> {
                    ObjectNode cp = (ObjectNode) e.path("inclusionProof").path("checkpoint");
                    cp.put("envelope", cp.get("envelope").asText().replaceFirst("\n(\\d+)\n", "\n1$1\n"));
                })), "--dist", DIST), 1, "rejected (checkpoint invalid)"),
                Arguments.of("missing signed entry timestamp", List.of(tampered("no-set", Tamper.of(PUBLISH)
                        .editEntry(e -> e.remove("inclusionPromise"))), "--dist", DIST), 1,
                        "rejected (signed entry timestamp missing or invalid)"),
                Arguments.of("missing inclusion proof", List.of(tampered("no-proof", Tamper.of(PUBLISH)
                        .editEntry(e -> e.remove("inclusionProof"))), "--dist", DIST), 1,
                        "rejected (inclusion proof missing or invalid)"),
                Arguments.of("two subjects", List.of(tampered("two-subjects", Tamper.of(PUBLISH).statement(st ->
                        ((ArrayNode) st.get("subject")).add(st.get("subject").get(0).deepCopy()))), "--dist", DIST), 1,
                        "rejected (statement must have exactly one subject)"),
                Arguments.of("unknown predicate type", List.of(tampered("predicate", Tamper.of(PUBLISH).statement(st ->
                        st.put("predicateType", "https://example.com/v1"))), "--dist", DIST), 1,
                        "rejected (predicate type not allowed)"),
                Arguments.of("publisher repository", List.of(write("pub-repo.json", provenance(
                        Tamper.of(PUBLISH).bytes(), p -> p.put("repository", "someone/else"))), "--dist", DIST), 1,
                        "certificate source repository URI is https://github.com/trailofbits/pypi-attestations, "
                                + "expected https://github.com/someone/else"),
                Arguments.of("publisher workflow", List.of(write("pub-wf.json", provenance(
                        Tamper.of(PUBLISH).bytes(), p -> p.put("workflow", "other.yml"))), "--dist", DIST), 1,
                        "rejected (signer is not the asserted publisher)"),
                Arguments.of("publisher kind", List.of(write("pub-kind.json", provenance(Tamper.of(PUBLISH).bytes(),
                        p -> p.put("kind", "GitLab").put("workflow_filepath", ".gitlab-ci.yml"))), "--dist", DIST), 1,
                        "certificate issuer is https://token.actions.githubusercontent.com, expected https://gitlab.com"),
                Arguments.of("staging-signed under the production root", List.of(
                        F + "attestations/rfc8785-0.1.2-py3-none-any.whl.publish.attestation.json", "--dist",
                        F + "dists/rfc8785-0.1.2-py3-none-any.whl"), 1,
                        "rejected (certificate not issued by the trusted Fulcio CA)"),
                Arguments.of("legacy pre-standard object", List.of(
                        F + "legacy/rfc8785-0.1.2-py3-none-any.whl.legacy-message_signature.digest-of-wheel.json"), 2,
                        "is a pre-standard pypi-attestation-models object"),
                Arguments.of("legacy Sigstore bundle", List.of(
                        F + "legacy/rfc8785-0.0.2-py3-none-any.whl.legacy.sigstore.json"), 2, "is a Sigstore bundle"),
                Arguments.of("malformed JSON", List.of(write("malformed.json", "{\"version\": 1,".getBytes())), 2,
                        "is not valid JSON"),
                Arguments.of("wrong version", List.of(write("v2.json", Tamper.of(PUBLISH)
                        .edit(a -> a.put("version", 2)).bytes())), 2,
                        "attestation.version must be the integer 1 (the only version PEP 740 defines), found 2"),
                Arguments.of("truncated base64", List.of(write("truncated.json", Tamper.of(PUBLISH).edit(a -> {
                    ObjectNode env = (ObjectNode) a.get("envelope");
                    env.put("signature", env.get("signature").asText().substring(1));
                }).bytes())), 2, "attestation.envelope.signature is not valid base64"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tamperings")
    void tamperedInputIsRejectedWithItsReason(String name, List<String> args, int exit, String reason) {
        List<String> all = new ArrayList<>(List.of("inspect"));
        all.addAll(args);
        var r = LauncherRunner.run(all.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(exit);
        assertThat(r.stderr()).as(r.toString()).startsWith("error: ").contains(reason);
    }

    @Test
    void untamperedBaselineVerifies() {
        var r = LauncherRunner.run("inspect", tampered("baseline", Tamper.of(PUBLISH)), "--dist", DIST);
        assertThat(r.exitCode()).as(r.toString()).isZero();
    }

    @Test
    void examplesReadmeCommandsWork() {
        var r = LauncherRunner.run("inspect", "examples/provenance/sampleproject-4.0.0.tar.gz.provenance.json",
                "--filename", "sampleproject-4.0.0.tar.gz", "--sha256",
                "0ace7980f82c5815ede4cd7bf9f6693684cec2ae47b9b7ade9add533b8627c6b");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("GitHub pypa/sampleproject (release.yml)");
    }
}
