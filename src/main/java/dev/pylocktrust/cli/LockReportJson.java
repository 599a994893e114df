package dev.pylocktrust.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pylocktrust.lock.AttestationIdentity;
import dev.pylocktrust.lock.LockReport;
import dev.pylocktrust.policy.Finding;
import dev.pylocktrust.report.JsonOutput;
import java.util.List;

/**
 * The {@code lock --format json} report, schema {@code pylock-trust.lock/2}
 * ({@code schema/pylock-trust.lock-2.schema.json}). Keys are only ever added.
 */
final class LockReportJson {
    static final String SCHEMA = "pylock-trust.lock/2";
    private static final ObjectMapper JSON = JsonOutput.MAPPER;

    private LockReportJson() {}

    static String render(LockReport r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("output", r.output());
        nullable(root, "previous", r.previous().orElse(null));
        root.put("written", r.written());
        root.put("refused", r.refused());
        ArrayNode packages = root.putArray("packages");
        for (LockReport.PackageLine p : r.packages()) {
            ObjectNode o = packages.addObject();
            o.put("name", p.name());
            o.put("version", p.version());
            nullable(o, "marker", p.marker().orElse(null));
            o.put("change", p.change().label());
            nullable(o, "previous_version", p.previousVersion().orElse(null));
            ObjectNode files = o.putObject("files");
            files.put("total", p.files());
            files.put("attested", p.attested());
            files.put("unattested", p.unattested());
            files.put("unknown", p.unknown());
            files.put("failed", p.failed());
            o.put("identity_status", p.identityStatus().label());
            identities(o.putArray("identities"), p.identities());
        }
        ArrayNode removed = root.putArray("removed");
        for (LockReport.Removed x : r.removed()) {
            ObjectNode o = removed.addObject();
            o.put("name", x.name());
            x.versions().forEach(o.putArray("versions")::add);
        }
        ArrayNode findings = root.putArray("findings");
        for (Finding f : r.findings()) {
            ObjectNode o = findings.addObject();
            o.put("severity", f.severity().label());
            o.put("code", f.code().code());
            o.put("package", f.packageName());
            nullable(o, "file", f.file().orElse(null));
            o.put("message", f.message());
            o.put("detail", f.detail());
            o.put("hint", f.hint());
            if (f.location().isPresent()) {
                o.putObject("location").put("path", f.location().get().path()).put("line", f.location().get().line());
            } else {
                o.putNull("location");
            }
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void identities(ArrayNode out, List<AttestationIdentity> ids) {
        for (AttestationIdentity id : ids) {
            ObjectNode o = out.addObject();
            id.fields().entries().forEach((k, v) -> o.put(k, String.valueOf(v)));
        }
    }

    private static void nullable(ObjectNode o, String key, String value) {
        if (value == null) {
            o.putNull(key);
        } else {
            o.put(key, value);
        }
    }
}
