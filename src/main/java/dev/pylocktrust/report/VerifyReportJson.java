package dev.pylocktrust.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pylocktrust.policy.SourceLocation;
import dev.pylocktrust.policy.Verdict;
import java.util.Map;

/**
 * {@code verify --format json}: schema {@value VerifyReport#SCHEMA}, described by
 * {@code schema/verify-report.schema.json}. Keys are only ever added within a schema version; every key is always
 * present (null when it has no value), so consumers need not guess.
 */
public final class VerifyReportJson {
    private static final ObjectMapper JSON = JsonOutput.MAPPER;

    private VerifyReportJson() {}

    public static String render(VerifyReport r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", VerifyReport.SCHEMA);
        root.put("lockfile", r.lockfile());
        putEnvironment(root.putObject("environment"), r.environment());
        root.put("index", r.index());
        root.put("offline", r.offline());
        root.put("trusted_root", r.trustedRoot());
        root.put("result", r.outcome().jsonName());
        ObjectNode s = root.putObject("summary");
        s.put("packages", r.packages().size());
        s.put("files", r.fileCount());
        for (Verdict st : Verdict.values()) {
            s.put(st.label(), r.packagesWith(st));
        }
        s.put("skipped_packages", r.skipped().size());
        s.put("failures", r.failures().size());
        s.put("warnings", r.warnings().size());
        s.put("elapsed_seconds", Math.round(r.elapsed().toMillis() / 100.0) / 10.0);
        s.put("requests", r.requests());
        s.put("cache_hits", r.cacheHits());
        ArrayNode findings = root.putArray("findings");
        r.failures().forEach(f -> FindingJson.put(findings.addObject(), f));
        r.warnings().forEach(f -> FindingJson.put(findings.addObject(), f));
        ArrayNode packages = root.putArray("packages");
        r.packages().forEach(p -> putPackage(packages.addObject(), p));
        ArrayNode skipped = root.putArray("skipped");
        for (VerifyReport.SkippedPackage p : r.skipped()) {
            ObjectNode o = skipped.addObject();
            o.put("name", p.name());
            o.put("version", p.version().orElse(null));
            o.put("marker", p.marker());
            o.put("reason", "marker false on the target");
        }
        return JsonOutput.write(root);
    }

    private static void putEnvironment(ObjectNode e, VerifyReport.Environment env) {
        e.put("mode", env.mode());
        e.put("description", env.description());
        e.put("python_version", env.pythonVersion().orElse(null));
        env.platforms().forEach(e.putArray("platforms")::add);
        env.extras().forEach(e.putArray("extras")::add);
        env.groups().forEach(e.putArray("groups")::add);
    }

    private static void putPackage(ObjectNode o, VerifyReport.PackageResult p) {
        o.put("name", p.name());
        o.put("version", p.version().orElse(null));
        o.put("line", p.location().map(SourceLocation::line).orElse(null));
        o.put("status", p.status().label());
        ArrayNode locked = o.putArray("locked_identities");
        p.lockedIdentities().forEach(i -> putIdentity(locked.addObject(), i));
        ArrayNode files = o.putArray("files");
        for (VerifyReport.FileResult f : p.files()) {
            ObjectNode fo = files.addObject();
            fo.put("filename", f.filename());
            fo.put("sha256", f.sha256().orElse(null));
            fo.put("status", f.status().label());
            ArrayNode found = fo.putArray("identities");
            f.foundIdentities().forEach(i -> putIdentity(found.addObject(), i));
            ArrayNode logs = fo.putArray("log_indexes");
            f.logIndexes().forEach(logs::add);
            fo.put("from_cache", f.fromCache());
            fo.put("reason", f.reason().isEmpty() ? null : f.reason());
        }
    }

    private static void putIdentity(ObjectNode o, VerifyReport.Identity i) {
        o.put("description", i.description());
        ObjectNode fields = o.putObject("fields");
        for (Map.Entry<String, String> e : i.fields().entrySet()) {
            fields.put(e.getKey(), e.getValue());
        }
    }
}
