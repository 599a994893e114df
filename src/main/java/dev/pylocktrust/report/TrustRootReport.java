package dev.pylocktrust.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pylocktrust.Printable;
import dev.pylocktrust.trust.SelectedTrustRoot;
import dev.pylocktrust.trust.TrustRootContents;
import dev.pylocktrust.trust.TrustRootContents.Authority;
import dev.pylocktrust.trust.TrustRootContents.Log;
import dev.pylocktrust.trust.TrustRootContents.Window;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What {@code trust-root show} and {@code trust-root update} print: the root in use, its origin and age, its keys. */
public final class TrustRootReport {
    public static final String SCHEMA = "pylock-trust.trust-root/1";

    private static final ObjectMapper JSON = JsonOutput.MAPPER;

    private final SelectedTrustRoot selected;
    private final TrustRootContents contents;
    private final Instant now;

    public TrustRootReport(SelectedTrustRoot selected, Instant now) {
        this.selected = selected;
        this.contents = TrustRootContents.parse(selected.root().json());
        this.now = now;
    }

    public String text() {
        StringBuilder sb = new StringBuilder();
        sb.append("Trusted root: ").append(Printable.of(selected.root().label())).append('\n');
        line(sb, "source", selected.origin().jsonName() + " (" + selected.origin().description() + ")");
        line(sb, "location", selected.location());
        selected.age(now).ifPresent(age -> line(sb, switch (selected.origin()) {
            case TUF, TUF_CACHE -> "refreshed";
            default -> "snapshot";
        }, age));
        selected.tuf().ifPresent(t -> {
            line(sb, "TUF metadata", "targets version " + t.targetsVersion() + ", root version "
                    + t.tufRootVersion() + ", valid until " + t.metadataExpires());
        });
        selected.cacheDir().ifPresent(d -> line(sb, "cache", d.toString()));
        selected.cacheIgnored().ifPresent(why -> line(sb, "cache ignored", why));
        line(sb, "sha256", selected.root().sha256());
        section(sb, "Certificate authorities (Fulcio)", contents.certificateAuthorities());
        logs(sb, "Transparency logs (Rekor)", contents.transparencyLogs());
        logs(sb, "Certificate transparency logs", contents.ctLogs());
        section(sb, "Timestamp authorities (RFC 3161)", contents.timestampAuthorities());
        return sb.toString();
    }

    /** What {@code trust-root update} prints for people: where the root came from, and where it went. */
    public static String updated(SelectedTrustRoot selected, Optional<Path> writtenTo) {
        var tuf = selected.tuf().orElseThrow();
        StringBuilder sb = new StringBuilder();
        sb.append("Updated the Sigstore trusted root from ").append(selected.location()).append('\n');
        sb.append("  sha256:       ").append(selected.root().sha256()).append('\n');
        sb.append("  TUF metadata: targets version ").append(tuf.targetsVersion()).append(", root version ")
                .append(tuf.tufRootVersion()).append(", valid until ").append(tuf.metadataExpires()).append('\n');
        selected.cacheDir().ifPresent(d -> sb.append("  cache:        ").append(d).append('\n'));
        writtenTo.ifPresent(p -> sb.append("  written to:   ").append(p).append('\n'));
        return sb.toString();
    }

    private static void line(StringBuilder sb, String key, String value) {
        sb.append("  ").append(String.format(Locale.ROOT, "%-15s", key + ":")).append(Printable.of(value)).append('\n');
    }

    private void section(StringBuilder sb, String title, List<Authority> authorities) {
        sb.append('\n').append(title).append(": ").append(authorities.size()).append('\n');
        for (Authority a : authorities) {
            sb.append("  ").append(Printable.of(a.uri())).append("  ").append(Printable.of(a.subject())).append('\n');
            sb.append("      valid ").append(window(a.validFor())).append('\n');
            for (TrustRootContents.Certificate c : a.chain()) {
                sb.append("      certificate ").append(Printable.of(c.subject())).append(", ").append(c.notBefore())
                        .append(" to ").append(c.notAfter()).append('\n');
            }
        }
    }

    private void logs(StringBuilder sb, String title, List<Log> logs) {
        sb.append('\n').append(title).append(": ").append(logs.size()).append('\n');
        for (Log l : logs) {
            sb.append("  ").append(Printable.of(l.baseUrl())).append("  ").append(Printable.of(l.keyDetails()))
                    .append('\n');
            sb.append("      log id ").append(Printable.of(l.logId())).append('\n');
            sb.append("      valid ").append(window(l.validFor())).append('\n');
        }
    }

    private String window(Window w) {
        return w.start().map(Instant::toString).orElse("(no start)") + " to "
                + w.end().map(Instant::toString).orElse("(open)") + " [" + w.status(now) + "]";
    }

    public String json() {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("label", selected.root().label());
        root.put("source", selected.origin().jsonName());
        root.put("location", selected.location());
        putTime(root, "as_of", selected.asOf());
        if (selected.asOf().isPresent()) {
            root.put("age_seconds", Math.max(0, selected.asOf().get().until(now, ChronoUnit.SECONDS)));
        } else {
            root.putNull("age_seconds");
        }
        root.put("sha256", selected.root().sha256());
        if (selected.tuf().isPresent()) {
            var t = selected.tuf().get();
            ObjectNode tuf = root.putObject("tuf");
            tuf.put("repository", selected.location());
            tuf.put("refreshed_at", t.refreshedAt().toString());
            tuf.put("metadata_expires", t.metadataExpires().toString());
            tuf.put("targets_version", t.targetsVersion());
            tuf.put("root_version", t.tufRootVersion());
        } else {
            root.putNull("tuf");
        }
        root.put("cache_dir", selected.cacheDir().map(Object::toString).orElse(null));
        root.put("cache_ignored", selected.cacheIgnored().orElse(null));
        root.put("warning", selected.warning().orElse(null));
        root.put("media_type", contents.mediaType());
        authorities(root.putArray("certificate_authorities"), contents.certificateAuthorities());
        logs(root.putArray("transparency_logs"), contents.transparencyLogs());
        logs(root.putArray("ct_logs"), contents.ctLogs());
        authorities(root.putArray("timestamp_authorities"), contents.timestampAuthorities());
        return JsonOutput.write(root);
    }

    private void authorities(ArrayNode out, List<Authority> authorities) {
        for (Authority a : authorities) {
            ObjectNode o = out.addObject();
            o.put("uri", a.uri());
            o.put("subject", a.subject());
            window(o, a.validFor());
            ArrayNode chain = o.putArray("certificates");
            for (TrustRootContents.Certificate c : a.chain()) {
                chain.addObject().put("subject", c.subject()).put("not_before", c.notBefore().toString())
                        .put("not_after", c.notAfter().toString());
            }
        }
    }

    private void logs(ArrayNode out, List<Log> logs) {
        for (Log l : logs) {
            ObjectNode o = out.addObject();
            o.put("base_url", l.baseUrl());
            o.put("log_id", l.logId());
            o.put("key_details", l.keyDetails());
            o.put("hash_algorithm", l.hashAlgorithm());
            window(o, l.validFor());
        }
    }

    private void window(ObjectNode o, Window w) {
        putTime(o, "valid_from", w.start());
        putTime(o, "valid_until", w.end());
        o.put("status", w.status(now));
    }

    private static void putTime(ObjectNode o, String key, Optional<Instant> t) {
        if (t.isPresent()) {
            o.put(key, t.get().toString());
        } else {
            o.putNull(key);
        }
    }
}
