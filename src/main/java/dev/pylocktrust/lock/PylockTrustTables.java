package dev.pylocktrust.lock;

import dev.pylocktrust.policy.SignedIds;
import dev.pylocktrust.python.PackageName;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Our own tool tables, read and written in one place so the two cannot drift apart.
 *
 * <pre>
 * [packages.tool.pylock-trust]          # per-file verification facts; installers never need them
 * files = [
 *     { filename = "...", sha256 = "...", status = "verified", identity = 1, log-index = 1,
 *       integrated-time = ...Z, repository-id = "...", repository-owner-id = "..." },
 * ]
 *
 * [tool.pylock-trust]                   # policy, reviewed in the diff
 * require-attestations = ["..."]
 * allow-unattested = ["..."]
 * [[tool.pylock-trust.approved-identity-changes]]
 * package = "..."  from = {...}  to = {...}  reason = "..."  date = 2026-01-31  approved-by = "..."
 * from-ids = { repository-id = "...", repository-owner-id = "..." }  to-ids = {...}   # when the ids are known
 * </pre>
 *
 * Unknown keys in either table are errors: a misspelt policy key must never be silently ignored.
 */
final class PylockTrustTables {
    static final String TOOL_NAME = "pylock-trust";
    static final String FILES = "files";
    static final List<String> RECORD_KEYS = List.of("filename", "sha256", "status", "identity", "log-index",
            "integrated-time", "repository-id", "repository-owner-id");
    static final String REQUIRE_ATTESTATIONS = "require-attestations";
    static final String ALLOW_UNATTESTED = "allow-unattested";
    static final String APPROVED_CHANGES = "approved-identity-changes";
    static final List<String> CHANGE_KEYS = List.of("package", "from", "to", "reason", "date", "approved-by",
            "from-ids", "to-ids");
    static final Set<String> ID_KEYS = Set.of("repository-id", "repository-owner-id");

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private PylockTrustTables() {}

    // ---- reading ----

    static List<FileAttestationRecord> readRecords(TomlNode ours) {
        ours.rejectUnknownKeys(Set.of(FILES));
        List<FileAttestationRecord> records = new ArrayList<>();
        for (TomlNode n : ours.optTableArray(FILES, ours.ctx.limits.maxArrayLength()).orElse(List.of())) {
            n.rejectUnknownKeys(Set.copyOf(RECORD_KEYS));
            String filename = n.requireString("filename");
            DistFilenames.checkSafe(filename).ifPresent(p -> {
                throw n.keyError("filename", p);
            });
            String sha256 = n.requireString("sha256");
            if (!SHA256.matcher(sha256).matches()) {
                throw n.keyError("sha256", "expected 64 lower-case hex digits");
            }
            String statusText = n.requireString("status");
            FileAttestationRecord.Status status = FileAttestationRecord.Status.fromToml(statusText)
                    .orElseThrow(() -> n.keyError("status", "unknown status '" + statusText + "'",
                            "use one of: verified, no-provenance, failed, provenance-unknown"));
            OptionalLong logIndex = n.optNonNegativeLong("log-index");
            Optional<Instant> integrated = n.optInstant("integrated-time");
            OptionalInt identity = identity(n, status);
            FileAttestationRecord r = new FileAttestationRecord(filename, sha256, status, logIndex, integrated,
                    n.optNonEmptyString("repository-id"), n.optNonEmptyString("repository-owner-id"), identity);
            n.ctx.sourceMap.element(r, n.path);
            records.add(r);
        }
        return records;
    }

    /** {@code identity}: a position from 1, on verified records only (whether it names an identity is checked later). */
    private static OptionalInt identity(TomlNode n, FileAttestationRecord.Status status) {
        OptionalLong v = n.optNonNegativeLong("identity");
        if (v.isEmpty()) {
            return OptionalInt.empty();
        }
        if (v.getAsLong() < 1 || v.getAsLong() > Integer.MAX_VALUE) {
            throw n.keyError("identity", "must be a position from 1 in the package's attestation-identities, found "
                    + v.getAsLong());
        }
        if (status != FileAttestationRecord.Status.VERIFIED) {
            throw n.keyError("identity", "only a verified file has a signing identity",
                    "remove identity, or regenerate the records with 'pylock-trust lock'");
        }
        return OptionalInt.of((int) v.getAsLong());
    }

    static TrustPolicy readPolicy(TomlNode ours) {
        ours.rejectUnknownKeys(Set.of(REQUIRE_ATTESTATIONS, ALLOW_UNATTESTED, APPROVED_CHANGES));
        int max = ours.ctx.limits.maxArrayLength();
        List<String> required = names(ours, REQUIRE_ATTESTATIONS, max);
        List<String> allowed = names(ours, ALLOW_UNATTESTED, max);
        for (int i = 0; i < allowed.size(); i++) {
            if (required.contains(allowed.get(i))) {
                throw ours.ctx.error(ours.lineOfElement(ALLOW_UNATTESTED, i),
                        KeyPath.index(ours.pathOf(ALLOW_UNATTESTED), i),
                        "'" + allowed.get(i) + "' is also in " + REQUIRE_ATTESTATIONS,
                        "a package is either required to be attested or allowed without attestations, not both");
            }
        }
        List<ApprovedIdentityChange> changes = new ArrayList<>();
        for (TomlNode n : ours.optTableArray(APPROVED_CHANGES, max).orElse(List.of())) {
            n.rejectUnknownKeys(Set.copyOf(CHANGE_KEYS));
            String pkg = n.requireString("package");
            if (!PackageName.isNormalized(pkg)) {
                throw n.keyError("package", notNormalized(pkg), normalizeHint(pkg));
            }
            AttestationIdentity from = identity(n, "from");
            AttestationIdentity to = identity(n, "to");
            String reason = n.requireString("reason", "say why the new identity is trusted");
            if (reason.isBlank()) {
                throw n.keyError("reason", "must not be blank", "say why the new identity is trusted");
            }
            LocalDate date = n.optLocalDate("date").orElseThrow(() -> n.keyError("date",
                    "required date missing", "write the approval date as a TOML date, e.g. date = 2026-01-31"));
            ApprovedIdentityChange c = new ApprovedIdentityChange(pkg, from, to, reason, date,
                    n.optNonEmptyString("approved-by"), ids(n, "from-ids"), ids(n, "to-ids"));
            n.ctx.sourceMap.element(c, n.path);
            changes.add(c);
        }
        return new TrustPolicy(new TreeSet<>(required), new TreeSet<>(allowed), changes);
    }

    private static SignedIds ids(TomlNode parent, String key) {
        Optional<TomlNode> t = parent.optTable(key);
        if (t.isEmpty()) {
            return SignedIds.NONE;
        }
        t.get().rejectUnknownKeys(ID_KEYS);
        return new SignedIds(t.get().optNonEmptyString("repository-id"),
                t.get().optNonEmptyString("repository-owner-id"));
    }

    private static RawTable ids(SignedIds ids) {
        Map<String, Object> m = new LinkedHashMap<>();
        ids.repositoryId().ifPresent(v -> m.put("repository-id", v));
        ids.ownerId().ifPresent(v -> m.put("repository-owner-id", v));
        return RawTable.of(m);
    }

    private static List<String> names(TomlNode n, String key, int max) {
        List<String> names = n.optStringArray(key, max).orElse(List.of());
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (!PackageName.isNormalized(name)) {
                throw n.ctx.error(n.lineOfElement(key, i), KeyPath.index(n.pathOf(key), i), notNormalized(name),
                        normalizeHint(name));
            }
        }
        return names;
    }

    /** An identity table ({@code kind} plus flat publisher keys), as used by policy and by packages. */
    static AttestationIdentity identity(TomlNode parent, String key) {
        TomlNode t = parent.requireTable(key);
        return identity(t);
    }

    static AttestationIdentity identity(TomlNode t) {
        String kind = t.requireString("kind", "kind names the Trusted Publisher type, e.g. kind = \"GitHub\"");
        if (kind.isEmpty()) {
            throw t.keyError("kind", "must not be empty");
        }
        AttestationIdentity id = new AttestationIdentity(t.toRaw());
        t.ctx.sourceMap.element(id, t.path);
        return id;
    }

    static String notNormalized(String name) {
        return PackageName.isValid(name) ? "package name '" + name + "' is not normalized"
                : "'" + name + "' is not a valid package name";
    }

    static String[] normalizeHint(String name) {
        return PackageName.isValid(name)
                ? new String[] {"write '" + PackageName.normalize(name) + "' (PEP 503 normalized form)"}
                : new String[0];
    }

    // ---- writing ----

    /** The {@code [packages.tool.pylock-trust]} body, or empty when there are no records. */
    static Optional<String> renderRecords(List<FileAttestationRecord> records) {
        if (records.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder sb = new StringBuilder(FILES).append(" = [\n");
        for (FileAttestationRecord r : records) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("filename", r.filename());
            e.put("sha256", r.sha256());
            e.put("status", r.status().tomlValue());
            r.identity().ifPresent(v -> e.put("identity", (long) v));
            r.logIndex().ifPresent(v -> e.put("log-index", v));
            r.integratedTime().ifPresent(v -> e.put("integrated-time", v));
            r.repositoryId().ifPresent(v -> e.put("repository-id", v));
            r.repositoryOwnerId().ifPresent(v -> e.put("repository-owner-id", v));
            sb.append("    ").append(TomlEmitter.inlineTable(e)).append(",\n");
        }
        return Optional.of(sb.append("]\n").toString());
    }

    /** The {@code [tool.pylock-trust]} content (plain keys, then change sections), or empty for an empty policy. */
    static Optional<String> renderPolicy(TrustPolicy policy, String header) {
        if (policy.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder sb = new StringBuilder();
        sb.append('\n').append('[').append(header).append("]\n");
        if (!policy.requireAttestations().isEmpty()) {
            sb.append(REQUIRE_ATTESTATIONS).append(" = ")
                    .append(TomlEmitter.multilineStrings(List.copyOf(policy.requireAttestations()))).append('\n');
        }
        if (!policy.allowUnattested().isEmpty()) {
            sb.append(ALLOW_UNATTESTED).append(" = ")
                    .append(TomlEmitter.multilineStrings(List.copyOf(policy.allowUnattested()))).append('\n');
        }
        for (ApprovedIdentityChange c : policy.approvedIdentityChanges()) {
            sb.append("\n[[").append(header).append('.').append(APPROVED_CHANGES).append("]]\n");
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("package", c.packageName());
            e.put("from", c.from().fields());
            e.put("to", c.to().fields());
            e.put("reason", c.reason());
            e.put("date", c.date());
            c.approvedBy().ifPresent(v -> e.put("approved-by", v));
            if (!c.fromIds().isEmpty()) {
                e.put("from-ids", ids(c.fromIds()));
            }
            if (!c.toIds().isEmpty()) {
                e.put("to-ids", ids(c.toIds()));
            }
            e.forEach((k, v) -> sb.append(TomlEmitter.key(k)).append(" = ").append(TomlEmitter.value(v)).append('\n'));
        }
        return Optional.of(sb.toString());
    }
}
