package dev.pylocktrust.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pylocktrust.Printable;
import dev.pylocktrust.attest.AttestationResult;
import dev.pylocktrust.attest.CertificateClaims;
import dev.pylocktrust.attest.Distribution;
import dev.pylocktrust.attest.InTotoStatement;
import dev.pylocktrust.attest.ProvenanceResult;
import dev.pylocktrust.attest.RejectionReason;
import dev.pylocktrust.attest.TrustRoot;
import dev.pylocktrust.attest.VerifiedAttestation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Renders the result of {@code inspect}: text for people, JSON (schema documented in docs/inspect.md, stable) for
 * tools. Only verified attestations show signed content; for rejected ones nothing they claim is repeated as fact.
 */
public final class InspectReport {
    public static final String SCHEMA = "pylock-trust.inspect/2";

    private static final ObjectMapper JSON = JsonOutput.MAPPER;

    private final String file;
    private final boolean bare;
    private final Optional<Distribution> dist;
    private final TrustRoot root;
    private final List<ProvenanceResult.Item> items;

    public InspectReport(String file, boolean bare, Optional<Distribution> dist, TrustRoot root,
                  List<ProvenanceResult.Item> items) {
        this.file = file;
        this.bare = bare;
        this.dist = dist;
        this.root = root;
        this.items = List.copyOf(items);
    }

    public boolean allVerified() {
        return !items.isEmpty() && items.stream().allMatch(i -> i.result().verified());
    }

    private long verifiedCount() {
        return items.stream().filter(i -> i.result().verified()).count();
    }

    private String label(ProvenanceResult.Item item) {
        return bare ? "attestation" : "bundle " + (item.bundleIndex() + 1) + ", attestation "
                + (item.attestationIndex() + 1);
    }

    /** {@code error:} and {@code hint:} lines for stderr, one error per rejected attestation. */
    public List<String> errorLines() {
        List<String> lines = new ArrayList<>();
        boolean chain = false;
        for (ProvenanceResult.Item item : items) {
            if (item.result() instanceof AttestationResult.Rejected r) {
                lines.add("error: " + Printable.of(file) + ": " + label(item) + " rejected (" + r.reason().summary()
                        + "): " + Printable.of(r.message()));
                chain |= r.reason() == RejectionReason.CERTIFICATE_CHAIN;
            }
        }
        if (chain) {
            lines.add("hint: to verify an attestation signed by another Sigstore instance (e.g. staging), pass that "
                    + "instance's trusted_root.json with --trusted-root");
        }
        return lines;
    }

    public String text() {
        StringBuilder sb = new StringBuilder();
        long bundles = items.stream().mapToInt(ProvenanceResult.Item::bundleIndex).distinct().count();
        sb.append("file:          ").append(Printable.of(file)).append(bare ? " (a single attestation)"
                : " (provenance: " + bundles + (bundles == 1 ? " bundle, " : " bundles, ") + items.size()
                + (items.size() == 1 ? " attestation)" : " attestations)")).append('\n');
        sb.append("distribution:  ").append(dist.map(d -> Printable.of(d.filename()) + " sha256 " + d.sha256Hex())
                .orElse("NOT CHECKED: no --dist or --filename/--sha256 given; the signatures and signers are "
                        + "verified, not that they are about your file")).append('\n');
        sb.append("trusted root:  ").append(root.label()).append(root.snapshotDate()
                .map(d -> " (snapshot " + d.toString().substring(0, 10) + ")").orElse("")).append('\n');
        for (ProvenanceResult.Item item : items) {
            sb.append('\n');
            if (item.result() instanceof AttestationResult.Verified v) {
                appendVerified(sb, item, v.attestation());
            } else {
                var r = (AttestationResult.Rejected) item.result();
                sb.append(label(item)).append(": REJECTED (").append(r.reason().summary()).append(")\n");
                appendPublisher(sb, item);
                row(sb, "reason", r.reason().jsonName() + ": " + r.message());
            }
        }
        sb.append('\n').append(allVerified() ? "result: VERIFIED, " : "result: REJECTED, ").append(verifiedCount())
                .append(" of ").append(items.size()).append(items.size() == 1 ? " attestation" : " attestations")
                .append(" verified").append(dist.isEmpty() ? " (distribution not checked)" : "").append('\n');
        return sb.toString();
    }

    private void appendVerified(StringBuilder sb, ProvenanceResult.Item item, VerifiedAttestation v) {
        sb.append(label(item)).append(": VERIFIED\n");
        row(sb, "predicate type", v.predicateType() + " (" + InTotoStatement.describePredicateType(v.predicateType())
                + ")");
        appendPublisher(sb, item);
        v.identity().ifPresent(id -> row(sb, "identity", "certified by the certificate: "
                + String.join(", ", id.certifiedKeys()) + (id.indexAssertedKeys().isEmpty() ? ""
                : "; asserted by the index only: " + String.join(", ", id.indexAssertedKeys()))));
        CertificateClaims c = v.claims();
        row(sb, "signed by", c.subjectAlternativeName() + (c.sanType() == CertificateClaims.SanType.EMAIL
                ? " (e-mail)" : ""));
        row(sb, "issuer", c.issuer().orElse("(none)"));
        c.sourceRepositoryUri().ifPresent(u -> row(sb, "repository", u + c.sourceRepositoryIdentifier()
                .map(i -> " (id " + i + ")").orElse("")));
        c.sourceRepositoryOwnerUri().ifPresent(u -> row(sb, "owner", u + c.sourceRepositoryOwnerIdentifier()
                .map(i -> " (id " + i + ")").orElse("")));
        c.workflowPath().ifPresent(w -> row(sb, "workflow", w));
        c.sourceRepositoryRef().ifPresent(r -> row(sb, "ref", r));
        c.sourceRepositoryDigest().ifPresent(d -> row(sb, "commit", d));
        c.runnerEnvironment().ifPresent(r -> row(sb, "runner", r));
        c.buildTrigger().ifPresent(t -> row(sb, "trigger", t));
        c.deploymentEnvironment().ifPresent(e -> row(sb, "environment", e + " (certified)"));
        row(sb, "subject", v.subject().name() + " sha256 " + v.subject().sha256().orElse("?")
                + (v.distributionChecked() ? "" : " (not checked against a file)"));
        row(sb, "log entry", "index " + v.logIndex() + v.integratedTime().map(t -> ", integrated " + t)
                .orElse(", Rekor v2 (no integrated time)"));
        for (Instant t : v.timestampTimes()) {
            row(sb, "timestamp", "RFC 3161, " + t);
        }
    }

    private void appendPublisher(StringBuilder sb, ProvenanceResult.Item item) {
        row(sb, "publisher", item.publisher() == null
                ? "no publisher asserted (a bare attestation, not a provenance): the signer was not checked against a "
                        + "Trusted Publisher"
                : item.publisher().describe() + " (as the index asserts it)");
    }

    private static void row(StringBuilder sb, String key, String value) {
        sb.append("  ").append(key).append(':').append(" ".repeat(Math.max(1, 16 - key.length())))
                .append(Printable.of(value))
                .append('\n');
    }

    public String json() {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("file", file);
        root.put("document", bare ? "attestation" : "provenance");
        ObjectNode d = root.putObject("distribution");
        d.put("checked", dist.isPresent());
        dist.ifPresent(x -> d.put("filename", x.filename()).put("sha256", x.sha256Hex()));
        ObjectNode tr = root.putObject("trusted_root");
        tr.put("label", this.root.label());
        this.root.snapshotDate().ifPresentOrElse(t -> tr.put("snapshot_date", t.toString()),
                () -> tr.putNull("snapshot_date"));
        root.put("verified", allVerified());
        var array = root.putArray("attestations");
        for (ProvenanceResult.Item item : items) {
            ObjectNode a = array.addObject();
            if (bare) {
                a.putNull("bundle");
                a.putNull("index");
                a.putNull("publisher");
            } else {
                // Counted from 1, as the text says "bundle 1, attestation 1": one numbering for people and machines.
                a.put("bundle", item.bundleIndex() + 1);
                a.put("index", item.attestationIndex() + 1);
                ObjectNode p = a.putObject("publisher");
                item.publisher().toIdentityTable().forEach(p::put);
            }
            if (item.result() instanceof AttestationResult.Verified v) {
                a.put("verdict", "verified");
                a.putNull("reason");
                a.putNull("message");
                putVerified(a, v.attestation());
            } else {
                var r = (AttestationResult.Rejected) item.result();
                a.put("verdict", "rejected");
                a.put("reason", r.reason().jsonName());
                a.put("message", r.message());
            }
        }
        return JsonOutput.write(root);
    }

    private static void putVerified(ObjectNode a, VerifiedAttestation v) {
        a.put("predicate_type", v.predicateType());
        a.putObject("subject").put("name", v.subject().name()).put("sha256", v.subject().sha256().orElse(null));
        a.put("distribution_checked", v.distributionChecked());
        v.identity().ifPresentOrElse(id -> {
            ObjectNode i = a.putObject("identity");
            id.certifiedKeys().forEach(i.putArray("certified")::add);
            id.indexAssertedKeys().forEach(i.putArray("index_asserted")::add);
            i.put("repository_id", id.repositoryId().orElse(null));
            i.put("owner_id", id.ownerId().orElse(null));
        }, () -> a.putNull("identity"));
        CertificateClaims c = v.claims();
        ObjectNode claims = a.putObject("claims");
        claims.put("subject_alternative_name", c.subjectAlternativeName());
        claims.put("subject_alternative_name_type", c.sanType().name().toLowerCase(java.util.Locale.ROOT));
        claims.put("issuer", c.issuer().orElse(null));
        claims.put("source_repository_uri", c.sourceRepositoryUri().orElse(null));
        claims.put("source_repository_identifier", c.sourceRepositoryIdentifier().orElse(null));
        claims.put("source_repository_owner_uri", c.sourceRepositoryOwnerUri().orElse(null));
        claims.put("source_repository_owner_identifier", c.sourceRepositoryOwnerIdentifier().orElse(null));
        claims.put("build_config_uri", c.buildConfigUri().orElse(null));
        claims.put("build_signer_uri", c.buildSignerUri().orElse(null));
        claims.put("source_repository_ref", c.sourceRepositoryRef().orElse(null));
        claims.put("source_repository_digest", c.sourceRepositoryDigest().orElse(null));
        claims.put("runner_environment", c.runnerEnvironment().orElse(null));
        claims.put("build_trigger", c.buildTrigger().orElse(null));
        claims.put("source_repository_visibility", c.sourceRepositoryVisibility().orElse(null));
        claims.put("deployment_environment", c.deploymentEnvironment().orElse(null));
        claims.put("run_invocation_uri", c.runInvocationUri().orElse(null));
        claims.put("not_before", c.notBefore().toString());
        claims.put("not_after", c.notAfter().toString());
        ObjectNode log = a.putObject("transparency_log");
        log.put("log_index", v.logIndex());
        log.put("integrated_time", v.integratedTime().map(Instant::toString).orElse(null));
        v.timestampTimes().forEach(t -> a.withArray("rfc3161_timestamps").add(t.toString()));
        if (v.timestampTimes().isEmpty()) {
            a.putArray("rfc3161_timestamps");
        }
    }
}
