package dev.pylocktrust.attest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pylocktrust.testkit.Minted;
import dev.pylocktrust.testkit.MintRequest;
import dev.pylocktrust.testkit.TestIdentity;
import dev.pylocktrust.testkit.TestSigstore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The genuine documents the mutation suite starts from: every real provenance of the fixture corpus, every real
 * attestation that no provenance contains (verified bare, as {@code inspect} does), and provenance minted by the test
 * Sigstore for each publisher kind, both predicate types and the environment cases.
 */
final class MutationSeeds {
    static final Clock MINT_CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private MutationSeeds() {}

    static List<MutationSeed> all() {
        List<MutationSeed> seeds = new ArrayList<>(real());
        seeds.addAll(minted());
        return List.copyOf(seeds);
    }

    static List<MutationSeed> real() {
        List<MutationSeed> seeds = new ArrayList<>();
        List<JsonNode> contained = new ArrayList<>();
        for (JsonNode entry : Manifest.provenances()) {
            String file = entry.path("file").asText();
            byte[] document = Fixtures.bytes(file);
            seeds.add(new MutationSeed("real " + file, MutationSeed.Mode.PROVENANCE, document,
                    distributionOf(entry.path("subject_name").asText()), Fixtures.production(), Fixtures.NOW));
            tree(document).path("attestation_bundles").forEach(b -> b.path("attestations").forEach(contained::add));
        }
        for (JsonNode entry : Manifest.attestations()) {
            String file = entry.path("file").asText();
            byte[] document = Fixtures.bytes(file);
            if (!contained.contains(tree(document))) {
                seeds.add(new MutationSeed("real " + file, MutationSeed.Mode.ATTESTATION, document,
                        Manifest.distribution(entry),
                        Manifest.staging(entry) ? Fixtures.staging() : Fixtures.production(), Fixtures.NOW));
            }
        }
        return seeds;
    }

    /** One seed per publisher kind and predicate type, plus the environment cases and a two-attestation provenance. */
    static List<MutationSeed> minted() {
        TestSigstore sigstore = TestSigstore.builder(740, MINT_CLOCK).logIndexOffset(150_000_000L).build();
        // A log with some history, so that inclusion proofs are several hashes long as on a real log.
        for (int i = 0; i < 40; i++) {
            sigstore.mint(MintRequest.forContent("filler-" + i + ".tar.gz", content("filler-" + i),
                    TestIdentity.github("filler/filler", "release.yml")));
        }
        TrustRoot root = TrustRoot.fromBytes(sigstore.trustedRootJson(), "test Sigstore root", Optional.empty());
        Instant now = MINT_CLOCK.instant().plusSeconds(3600);
        var github = TestIdentity.github("octo-org/gh-demo", "release.yml");
        var gitlab = TestIdentity.gitlab("group/sub/gl-demo", ".gitlab-ci.yml");
        var google = TestIdentity.google("publisher@demo-project.iam.gserviceaccount.com");
        List<MutationSeed> seeds = new ArrayList<>();
        seeds.add(minted(sigstore, root, now, "GitHub publish", request("gh_demo-1.0.0-py3-none-any.whl", github)));
        seeds.add(minted(sigstore, root, now, "GitHub SLSA, certified environment", request("gh_env-2.0.0.tar.gz",
                TestIdentity.github("octo-org/gh-env", "publish.yml").withEnvironment("pypi")).slsa()));
        seeds.add(minted(sigstore, root, now, "GitHub publish, environment asserted by the index only",
                request("gh_legacy_env-0.9-py3-none-any.whl",
                        TestIdentity.github("octo-org/gh-legacy", "release.yml").withEnvironment("release", false))));
        seeds.add(minted(sigstore, root, now, "GitHub publish from a reusable workflow",
                request("gh_reusable-3.1.tar.gz", TestIdentity.github("octo-org/gh-reusable", "release.yml")
                        .withJobWorkflowRef("octo-org/shared/.github/workflows/publish.yml@refs/heads/main"))));
        seeds.add(minted(sigstore, root, now, "GitLab publish", request("gl_demo-1.0-py3-none-any.whl", gitlab)));
        seeds.add(minted(sigstore, root, now, "GitLab SLSA, certified environment", request("gl_env-1.2.tar.gz",
                TestIdentity.gitlab("group/gl-env", "ci/release.yml").withEnvironment("production")).slsa()));
        seeds.add(minted(sigstore, root, now, "Google publish", request("goog_demo-1.0-py3-none-any.whl", google)));
        seeds.add(minted(sigstore, root, now, "Google SLSA", request("goog_slsa-1.0.tar.gz", google).slsa()));
        MintRequest both = request("gh_both-4.0-py3-none-any.whl", github);
        byte[] provenance = TestSigstore.provenance(sigstore.mint(both), sigstore.mint(both.slsa()));
        seeds.add(new MutationSeed("minted GitHub publish + SLSA", MutationSeed.Mode.PROVENANCE, provenance,
                new Distribution(both.filename(), both.sha256Hex()), root, now));
        return seeds;
    }

    private static MintRequest request(String filename, TestIdentity identity) {
        return MintRequest.forContent(filename, content(filename), identity);
    }

    private static MutationSeed minted(TestSigstore sigstore, TrustRoot root, Instant now, String name,
                                       MintRequest request) {
        Minted minted = sigstore.mint(request);
        return new MutationSeed("minted " + name, MutationSeed.Mode.PROVENANCE, minted.provenanceJson(),
                new Distribution(request.filename(), request.sha256Hex()), root, now);
    }

    private static byte[] content(String name) {
        return ("content of " + name).getBytes(StandardCharsets.UTF_8);
    }

    private static Distribution distributionOf(String subjectName) {
        return Manifest.attestations().stream()
                .filter(e -> e.path("subject_name").asText().equals(subjectName))
                .findFirst()
                .map(Manifest::distribution)
                .orElseThrow(() -> new IllegalStateException("no manifest attestation for " + subjectName));
    }

    static JsonNode tree(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
