package dev.pylocktrust.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pylocktrust.lock.AttestationIdentity;
import dev.pylocktrust.lock.LockReport;
import java.util.List;

/**
 * The {@code lock --format json} report, schema {@code pylock-trust.lock/2}
 * ({@code schema/pylock-trust.lock-2.schema.json}). Keys are only ever added.
 */
public final class LockReportJson {
    public static final String SCHEMA = "pylock-trust.lock/2";
    private static final ObjectMapper JSON = JsonOutput.MAPPER;

    private LockReportJson() {}

    public static String render(LockReport r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("output", r.output());
        root.put("previous", r.previous().orElse(null));
        root.put("written", r.written());
        root.put("refused", r.refused());
        ArrayNode packages = root.putArray("packages");
        for (LockReport.PackageLine p : r.packages()) {
            ObjectNode o = packages.addObject();
            o.put("name", p.name());
            o.put("version", p.version());
            o.put("marker", p.marker().orElse(null));
            o.put("change", p.change().label());
            o.put("previous_version", p.previousVersion().orElse(null));
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
        r.findings().forEach(f -> FindingJson.put(findings.addObject(), f));
        return JsonOutput.write(root);
    }

    private static void identities(ArrayNode out, List<AttestationIdentity> ids) {
        for (AttestationIdentity id : ids) {
            ObjectNode o = out.addObject();
            id.fields().entries().forEach((k, v) -> o.put(k, String.valueOf(v)));
        }
    }
}
