package dev.pylocktrust.diff;

import static dev.pylocktrust.report.MarkdownText.quote;

import dev.pylocktrust.policy.Finding;
import dev.pylocktrust.policy.Severity;
import dev.pylocktrust.policy.SourceLocation;
import dev.pylocktrust.report.Report;
import dev.pylocktrust.report.ReportItem;
import dev.pylocktrust.report.ReportSection;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a {@link LockDiff} into a {@link Report}: one section per {@link Risk} that has changes, each change worded
 * by {@link ChangeWording}, located on HEAD's line, and marked with whether it fails the command at the chosen
 * {@link FailOn} level. Notes say what the reader must know to read the diff right, e.g. that neither file records
 * identities.
 */
public final class DiffReport {
    /** The JSON schema identifier; {@code schema/diff-report.schema.json} describes it. */
    public static final String SCHEMA = "pylock-trust.diff/2";

    private DiffReport() {}

    /**
     * @param headPath HEAD's path as given on the command line: the {@code file} of every location
     */
    public static Report build(LockDiff diff, FailOn failOn, String headPath) {
        Map<Risk, List<ReportItem>> byRisk = new EnumMap<>(Risk.class);
        for (Change change : diff.changes()) {
            byRisk.computeIfAbsent(change.risk(), r -> new ArrayList<>()).add(item(change, failOn, headPath));
        }
        List<ReportSection> sections = new ArrayList<>();
        byRisk.forEach((risk, items) -> sections.add(new ReportSection(risk.rank(), risk.title(), risk.routine(),
                items)));
        String title = "pylock-trust diff " + quote(diff.base().file()) + " -> " + quote(diff.head().file());
        return new Report(SCHEMA, title, Verdict.of(diff.changes()), facts(diff, failOn), notes(diff), sections);
    }

    private static ReportItem item(Change change, FailOn failOn, String headPath) {
        ChangeWording.Words w = ChangeWording.of(change);
        Optional<SourceLocation> location = change.headLine().isPresent()
                ? Optional.of(new SourceLocation(headPath, change.headLine().getAsInt())) : Optional.empty();
        Severity severity = failOn.fails(change) ? Severity.FAILURE : change.risk().severityWhenPassing();
        Finding finding = new Finding(severity, w.code(), change.packageName(), w.file(), w.message(),
                w.detail(), w.hint(), location);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("fails", failOn.fails(change));
        data.putAll(ChangeData.of(change));
        return new ReportItem(finding, w.links(), data);
    }

    private static Map<String, Object> facts(LockDiff diff, FailOn failOn) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("base", side(diff.base()));
        facts.put("head", side(diff.head()));
        facts.put("fail_on", failOn.name());
        List<Change> failing = failOn.failing(diff);
        facts.put("failed", !failing.isEmpty());
        Map<String, Object> counts = new LinkedHashMap<>();
        for (Risk r : Risk.values()) {
            counts.put(r.name().toLowerCase(Locale.ROOT), diff.changes().stream().filter(c -> c.risk() == r).count());
        }
        facts.put("counts", counts);
        return facts;
    }

    private static Map<String, Object> side(LockDiff.Side s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", s.file());
        m.put("created_by", s.createdBy());
        m.put("packages", s.packages());
        m.put("packages_with_identities", s.withIdentities());
        m.put("warnings", s.warnings());
        return m;
    }

    static List<String> notes(LockDiff diff) {
        LockDiff.Side b = diff.base();
        LockDiff.Side h = diff.head();
        List<String> notes = new ArrayList<>();
        if (b.withIdentities() == 0 && h.withIdentities() == 0 && (b.packages() > 0 || h.packages() > 0)) {
            notes.add("Neither lockfile records attestation identities, so a change of publisher cannot show in this "
                    + "diff; " + quote("pylock-trust lock") + " records who publishes each package.");
        } else if (b.withIdentities() == 0 && h.withIdentities() > 0) {
            notes.add("BASE records no attestation identities: every identity in HEAD is trusted from now on "
                    + "(trust on first use); check them.");
        } else if (b.withIdentities() > 0 && h.withIdentities() == 0) {
            notes.add("HEAD records no attestation identities at all (created by " + quote(h.createdBy())
                    + "): was it written by a tool that does not record them?");
        }
        if (!b.createdBy().equals(h.createdBy())) {
            notes.add("BASE was created by " + quote(b.createdBy()) + ", HEAD by " + quote(h.createdBy()) + ".");
        }
        b.warnings().forEach(w -> notes.add("BASE: " + quote(w)));
        h.warnings().forEach(w -> notes.add("HEAD: " + quote(w)));
        return notes;
    }
}
