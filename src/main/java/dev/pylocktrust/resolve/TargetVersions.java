package dev.pylocktrust.resolve;

import dev.pylocktrust.Printable;
import dev.pylocktrust.python.PackageName;
import dev.pylocktrust.python.SpecifierSet;
import dev.pylocktrust.python.TargetEnvironment;
import dev.pylocktrust.python.Version;
import dev.pylocktrust.python.WheelFilename;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The releases of one project, ascending by version (the index space of {@link VersionSet}), with what a target
 * environment can use of each: its installable files (a compatible wheel or an sdist, with a {@code requires-python}
 * that admits the target), whether all of those are yanked, or why the release cannot be used at all.
 */
final class TargetVersions {
    private final PackageName name;
    private final List<Candidate> candidates;
    private final List<Version> versions;
    private final List<List<DistFile>> installable;
    private final String[] unusable;
    private final boolean[] yanked;

    TargetVersions(PackageName name, List<Candidate> listed, TargetEnvironment target) {
        this.name = name;
        this.candidates = List.copyOf(merge(name, listed));
        this.versions = candidates.stream().map(Candidate::version).toList();
        int n = candidates.size();
        this.unusable = new String[n];
        this.yanked = new boolean[n];
        List<List<DistFile>> files = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<DistFile> ok = candidates.get(i).files().stream().filter(f -> f.installableOn(target)).toList();
            List<DistFile> notYanked = ok.stream().filter(f -> !f.yanked()).toList();
            yanked[i] = !ok.isEmpty() && notYanked.isEmpty();
            files.add(yanked[i] ? ok : notYanked);
            if (ok.isEmpty()) {
                unusable[i] = whyUnusable(candidates.get(i), target);
            }
        }
        this.installable = Collections.unmodifiableList(files);
    }

    /** Groups files of equal versions (an index may list {@code 1.0} and {@code 1.0.0} separately) and sorts. */
    private static List<Candidate> merge(PackageName name, List<Candidate> listed) {
        Map<Version, List<DistFile>> byVersion = new LinkedHashMap<>();
        for (Candidate c : listed) {
            if (!c.name().equals(name)) {
                throw new IllegalArgumentException("candidate " + c + " listed for project " + name);
            }
            byVersion.computeIfAbsent(c.version(), v -> new ArrayList<>()).addAll(c.files());
        }
        List<Candidate> out = new ArrayList<>();
        byVersion.forEach((v, f) -> out.add(new Candidate(name, v, f)));
        out.sort(Comparator.comparing(Candidate::version));
        return out;
    }

    private static String whyUnusable(Candidate c, TargetEnvironment target) {
        if (c.files().isEmpty()) {
            return "has no files";
        }
        boolean anyForPlatform = c.files().stream()
                .anyMatch(f -> !(f.filename() instanceof WheelFilename w) || target.isCompatible(w));
        if (!anyForPlatform) {
            return "has no wheel for " + target + " and no sdist";
        }
        return c.files().stream().filter(f -> !f.supportsPython(target.pythonVersion()))
                .map(f -> f.requiresPython().orElseThrow()).findFirst()
                .map(r -> "requires Python " + r + ", not " + target.pythonVersion())
                .orElse("has no file installable on " + target);
    }

    PackageName name() {
        return name;
    }

    int size() {
        return versions.size();
    }

    Version version(int i) {
        return versions.get(i);
    }

    Candidate candidate(int i) {
        return candidates.get(i);
    }

    /** The index of {@code v} (PEP 440 equality), or -1. */
    int indexOf(Version v) {
        int i = Collections.binarySearch(versions, v);
        return i < 0 ? -1 : i;
    }

    /** Whether the target can install release {@code i} at all (yanked or not). */
    boolean usable(int i) {
        return unusable[i] == null;
    }

    /** Why release {@code i} cannot be installed on the target, or null. */
    String unusableReason(int i) {
        return unusable[i];
    }

    /** Whether every installable file of release {@code i} is yanked. */
    boolean yanked(int i) {
        return yanked[i];
    }

    /**
     * The yank reason of release {@code i}'s first installable file, or the empty string. The index wrote it, so it
     * is made safe to print: cut at 120 characters, quotes become {@code '}, and control and invisible characters
     * become {@link Printable} escapes.
     */
    String yankReason(int i) {
        String raw = installable.get(i).stream().map(f -> f.yankedReason().orElse("")).filter(r -> !r.isBlank())
                .findFirst().orElse("");
        StringBuilder sb = new StringBuilder();
        raw.strip().codePoints().limit(120).forEach(cp -> sb.appendCodePoint(cp == '"' ? '\'' : cp));
        return Printable.of(sb.toString());
    }

    boolean prerelease(int i) {
        return versions.get(i).isPrerelease();
    }

    /** The files the target would install from release {@code i}: not yanked ones, unless all are. */
    List<DistFile> installableFiles(int i) {
        return installable.get(i);
    }

    /** The versions a specifier set matches (operators only; pre-release policy is applied when choosing). */
    VersionSet matching(SpecifierSet specifier) {
        return VersionSet.of(size(), i -> specifier.matches(versions.get(i)));
    }

    VersionSet all() {
        return VersionSet.allVersions(size());
    }
}
