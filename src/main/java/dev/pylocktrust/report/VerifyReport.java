package dev.pylocktrust.report;

import dev.pylocktrust.policy.Finding;
import dev.pylocktrust.policy.SourceLocation;
import dev.pylocktrust.policy.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@code pylock-trust verify} found, as plain values for the renderers ({@link VerifyReportText},
 * {@link VerifyReportJson}, {@link VerifyReportGithub}, {@link VerifyReportMarkdown}). Nothing here decides
 * anything: the verify layer has already judged every file; this record only carries the verdicts.
 *
 * @param lockfile the lock file path as the user gave it
 * @param environment which files were selected (all, or one install target)
 * @param index the index that was asked (credentials redacted), or a mirror directory
 * @param offline whether the network was off (cache only)
 * @param trustedRoot the Sigstore trusted root's label
 * @param outcome the overall result, which fixes the exit code
 * @param packages one entry per checked package, in lockfile order
 * @param skipped packages the environment selection left out (marker false on the target), in lock order
 * @param findings every problem and warning, most important first
 * @param elapsed wall time of the run (the renderers print it; tests pass a fixed value)
 * @param requests requests made to the index
 * @param cacheHits answers taken from the cache without a request
 */
public record VerifyReport(
        String lockfile,
        Environment environment,
        String index,
        boolean offline,
        String trustedRoot,
        Outcome outcome,
        List<PackageResult> packages,
        List<SkippedPackage> skipped,
        List<Finding> findings,
        Duration elapsed,
        long requests,
        long cacheHits) {

    /** Version of the JSON output ({@code schema} key); keys are only ever added within a version. */
    public static final String SCHEMA = "pylock-trust.verify/2";

    /** The overall result. */
    public enum Outcome {
        /** Every selected file passed. Exit 0. */
        PASSED("passed"),
        /** At least one trust failure. Exit 1. */
        FAILED("failed"),
        /** No trust failure, but some files could not be checked (index error, not in cache). Exit 3. */
        INCOMPLETE("incomplete");

        private final String jsonName;

        Outcome(String jsonName) {
            this.jsonName = jsonName;
        }

        public String jsonName() {
            return jsonName;
        }
    }

    /**
     * Which files were selected.
     *
     * @param mode {@code all} (every file in the lock) or {@code current} (what an installer would pick)
     * @param description for people, e.g. {@code every file in the lock} or {@code CPython 3.12 on
     *     manylinux_2_28_x86_64}
     * @param pythonVersion the target's Python version ({@code current} only)
     * @param platforms the target's platform tags ({@code current} only)
     * @param extras requested extras ({@code current} only)
     * @param groups requested dependency groups ({@code current} only)
     */
    public record Environment(String mode, String description, Optional<String> pythonVersion,
                              List<String> platforms, List<String> extras, List<String> groups) {
        public Environment {
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(pythonVersion, "pythonVersion");
            platforms = List.copyOf(platforms);
            extras = List.copyOf(extras);
            groups = List.copyOf(groups);
        }

        public static Environment all() {
            return new Environment("all", "every file in the lock", Optional.empty(), List.of(), List.of(), List.of());
        }
    }

    /**
     * A package {@code --environment current} leaves out, and why.
     *
     * @param marker its marker, false on the target
     */
    public record SkippedPackage(String name, Optional<String> version, String marker) {
        public SkippedPackage {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(marker, "marker");
        }

        /** {@code name version}, or the name alone. */
        public String label() {
            return version.map(v -> name + " " + v).orElse(name);
        }
    }

    /**
     * A publisher identity, as the lock records it or as an attestation proved it.
     *
     * @param description one line for people, e.g. {@code GitHub acme/widget (release.yml)}
     * @param fields the flat identity table ({@code kind}, {@code repository}, ...), sorted by key
     */
    public record Identity(String description, java.util.SortedMap<String, String> fields) {
        public Identity {
            Objects.requireNonNull(description, "description");
            fields = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(fields));
        }
    }

    /**
     * One checked package.
     *
     * @param name normalized name
     * @param version as locked, if any
     * @param location where the package starts in the lock file
     * @param status the worst status of its files ({@code UNATTESTED} for a package with nothing to check)
     * @param lockedIdentities the identities the lock trusts (empty: unattested in the lock)
     * @param files the checked files
     */
    public record PackageResult(String name, Optional<String> version, Optional<SourceLocation> location,
                                Verdict status, List<Identity> lockedIdentities, List<FileResult> files) {
        public PackageResult {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(status, "status");
            lockedIdentities = List.copyOf(lockedIdentities);
            files = List.copyOf(files);
        }

        /** {@code name version}, or the name alone. */
        public String label() {
            return version.map(v -> name + " " + v).orElse(name);
        }
    }

    /**
     * One checked file.
     *
     * @param filename as the lock names it
     * @param sha256 the locked sha256, if the lock has one
     * @param status the verdict
     * @param foundIdentities identities whose attestations verified for this file (whether or not they are locked)
     * @param logIndexes transparency log indexes of the verified attestations
     * @param fromCache whether the provenance came from the cache (it was verified all the same)
     * @param reason why, in one line (e.g. {@code no provenance published}); empty when attested
     */
    public record FileResult(String filename, Optional<String> sha256, Verdict status, List<Identity> foundIdentities,
                             List<Long> logIndexes, boolean fromCache, String reason) {
        public FileResult {
            Objects.requireNonNull(filename, "filename");
            Objects.requireNonNull(sha256, "sha256");
            Objects.requireNonNull(status, "status");
            foundIdentities = List.copyOf(foundIdentities);
            logIndexes = List.copyOf(logIndexes);
            Objects.requireNonNull(reason, "reason");
        }
    }

    public VerifyReport {
        Objects.requireNonNull(lockfile, "lockfile");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(trustedRoot, "trustedRoot");
        Objects.requireNonNull(outcome, "outcome");
        packages = List.copyOf(packages);
        findings = List.copyOf(findings);
        Objects.requireNonNull(elapsed, "elapsed");
        skipped = List.copyOf(skipped);
    }

    /** Number of files checked. */
    public int fileCount() {
        return packages.stream().mapToInt(p -> p.files().size()).sum();
    }

    /** Number of packages with this status. */
    public int packagesWith(Verdict status) {
        return (int) packages.stream().filter(p -> p.status() == status).count();
    }

    /** The findings that fail the run. */
    public List<Finding> failures() {
        return findings.stream().filter(Finding::isFailure).toList();
    }

    /** The findings that do not fail the run. */
    public List<Finding> warnings() {
        return findings.stream().filter(f -> !f.isFailure()).toList();
    }

    /**
     * The one-line summary, e.g. {@code verified 312 files of 97 packages: 71 packages attested (identities match),
     * 26 packages unattested, 0 failures in 1.8 s}: the counts after the colon are packages, and files of an attested
     * package that have no attestation are counted in its parentheses.
     */
    public String summaryLine() {
        int failures = failures().size();
        String head = switch (outcome) {
            case PASSED -> "verified ";
            case FAILED -> "verification FAILED: checked ";
            case INCOMPLETE -> "verification INCOMPLETE: checked ";
        };
        StringBuilder sb = new StringBuilder(head);
        int unattestedFiles = (int) packages.stream().filter(p -> p.status() == Verdict.ATTESTED)
                .flatMap(p -> p.files().stream()).filter(f -> f.status() == Verdict.UNATTESTED).count();
        sb.append(plural(fileCount(), "file")).append(" of ").append(plural(packages.size(), "package")).append(": ")
                .append(plural(packagesWith(Verdict.ATTESTED), "package")).append(" attested (identities match")
                .append(unattestedFiles > 0 ? "; " + plural(unattestedFiles, "file") + " unattested" : "").append("), ")
                .append(plural(packagesWith(Verdict.UNATTESTED), "package")).append(" unattested, ")
                .append(plural(failures, "failure"));
        int incomplete = packagesWith(Verdict.INCOMPLETE);
        if (incomplete > 0) {
            sb.append(" (").append(plural(incomplete, "package")).append(" not checked)");
        }
        sb.append(String.format(java.util.Locale.ROOT, " in %.1f s", elapsed.toMillis() / 1000.0));
        return sb.toString();
    }

    static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
