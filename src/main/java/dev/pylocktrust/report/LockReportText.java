package dev.pylocktrust.report;

import dev.pylocktrust.Printable;
import dev.pylocktrust.attest.Publisher;
import dev.pylocktrust.lock.AttestationIdentity;
import dev.pylocktrust.lock.LockReport;
import dev.pylocktrust.policy.Finding;
import dev.pylocktrust.policy.FindingCode;
import dev.pylocktrust.policy.IdentityOutcome;
import dev.pylocktrust.policy.Severity;
import java.util.ArrayList;
import java.util.List;

/** The {@code lock} report for people: one block per package, then the removed packages and a summary line. */
public final class LockReportText {
    private LockReportText() {}

    public static String render(LockReport r) {
        StringBuilder sb = new StringBuilder();
        for (LockReport.PackageLine p : r.packages()) {
            sb.append(Printable.of(p.name())).append(' ').append(Printable.of(p.version()));
            p.marker().ifPresent(m -> sb.append(" ; ").append(Printable.of(m)));
            sb.append("  (").append(change(p)).append(")\n");
            sb.append("  files:     ").append(files(p)).append('\n');
            sb.append("  identity:  ").append(identities(p.identities())).append("  [")
                    .append(status(p.identityStatus())).append("]\n");
        }
        for (LockReport.Removed x : r.removed()) {
            sb.append(Printable.of(x.name())).append(' ').append(Printable.of(String.join(", ", x.versions())))
                    .append("  (removed)\n");
        }
        for (Finding f : r.findings()) {
            // First use and gained attestations show in the package's block already.
            if (f.severity() == Severity.NOTICE && f.code() != FindingCode.FIRST_USE) {
                sb.append("note: ").append(Printable.of(f.message())).append('\n');
            }
        }
        long attested = r.packages().stream().filter(p -> !p.identities().isEmpty()).count();
        String summary = r.packages().size() + (r.packages().size() == 1 ? " package" : " packages") + ", "
                + attested + " with verified publisher identities";
        if (r.written()) {
            sb.append("wrote ").append(Printable.of(r.output())).append(": ").append(summary).append('\n');
        } else if (r.refused()) {
            long n = r.failures().size();
            sb.append("refused: ").append(n).append(n == 1 ? " trust failure" : " trust failures")
                    .append("; nothing was written\n");
        }
        return sb.toString();
    }

    /** {@code warning:} lines for stderr. */
    public static List<String> warnings(LockReport r) {
        List<String> out = new ArrayList<>();
        for (Finding f : r.findings()) {
            if (f.severity() == Severity.WARNING) {
                out.add("warning: " + Printable.of(f.message()));
                Printable.lines(f.detail()).forEach(line -> out.add("  " + line));
            }
        }
        return out;
    }

    /** {@code error:}, detail and {@code hint:} lines for stderr, one block per trust failure. */
    public static List<String> failures(LockReport r) {
        List<String> out = new ArrayList<>();
        for (Finding f : r.failures()) {
            out.add("error: " + f.location().map(l -> Printable.of(l.path()) + ":" + l.line() + ": ").orElse("")
                    + Printable.of(f.message()));
            Printable.lines(f.detail()).forEach(line -> out.add("  " + line));
            Printable.lines(f.hint()).forEach(line -> out.add("hint: " + line));
        }
        return out;
    }

    private static String change(LockReport.PackageLine p) {
        return switch (p.change()) {
            case ADDED -> "new";
            case UNCHANGED -> "unchanged";
            case UPGRADED -> "upgraded from " + p.previousVersion().orElse("?");
            case DOWNGRADED -> "downgraded from " + p.previousVersion().orElse("?");
        };
    }

    private static String files(LockReport.PackageLine p) {
        List<String> parts = new ArrayList<>();
        if (p.attested() > 0) {
            parts.add(p.attested() + " attested");
        }
        if (p.unattested() > 0) {
            parts.add(p.unattested() + " without provenance");
        }
        if (p.unknown() > 0) {
            parts.add(p.unknown() + " provenance unknown");
        }
        if (p.failed() > 0) {
            parts.add(p.failed() + " FAILED");
        }
        return p.files() + (parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")");
    }

    private static String identities(List<AttestationIdentity> ids) {
        if (ids.isEmpty()) {
            return "none";
        }
        return String.join("; ", ids.stream()
                .map(id -> Printable.of(id.publisher().map(Publisher::describe).orElse(id.kind()))).toList());
    }

    private static String status(IdentityOutcome s) {
        return switch (s) {
            case FIRST_USE -> "first use: recorded";
            case UNCHANGED -> "unchanged";
            case GAINED -> "attestations gained: recorded";
            case CHANGED_APPROVED -> "CHANGED: approved and recorded";
            case DROPPED_ALLOWED -> "no longer attested: allowed by policy";
            case UNATTESTED -> "not attested";
            case REFUSED -> "REFUSED";
        };
    }
}
