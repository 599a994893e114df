package dev.pylocktrust.diff;

import dev.pylocktrust.lock.ApprovedIdentityChange;
import dev.pylocktrust.lock.AttestationIdentity;
import dev.pylocktrust.lock.FileAttestationRecord;
import dev.pylocktrust.lock.LockEdits;
import dev.pylocktrust.lock.LockedFile;
import dev.pylocktrust.lock.LockedPackage;
import dev.pylocktrust.lock.Lockfile;
import dev.pylocktrust.lock.RawTable;
import dev.pylocktrust.lock.TrustPolicy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * Realistic BASE/HEAD pairs built as models and written with the real lockfile writer, as {@code lock} would write
 * them: identities, per-file records and policy. Digests are derived from the file URL (and a salt for "another
 * file"), so the same file always has the same hash.
 */
public final class DiffScenarios {
    static final String PYPI = "https://pypi.org/simple/";
    static final String FILES = "https://files.pythonhosted.org/packages/";

    /** A BASE and a HEAD lockfile. */
    public record Scenario(Lockfile base, Lockfile head) {}

    private DiffScenarios() {}

    /** Every scenario written by the lockfile writer, by golden case name. */
    public static Map<String, Scenario> all() {
        Map<String, Scenario> all = new LinkedHashMap<>();
        all.put("takeover", takeover());
        all.put("approved-move", approvedMove());
        all.put("everything", everything());
        return all;
    }

    public static AttestationIdentity github(String repository, String workflow, String environment) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("kind", "GitHub");
        f.put("repository", repository);
        f.put("workflow", workflow);
        if (environment != null) {
            f.put("environment", environment);
        }
        return AttestationIdentity.of(f);
    }

    public static AttestationIdentity gitlab(String repository, String filepath) {
        return AttestationIdentity.of(Map.of("kind", "GitLab", "repository", repository, "workflow_filepath",
                filepath));
    }

    public static String sha(String seed) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(seed.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String filenameStem(String name) {
        return name.replace('-', '_');
    }

    public static LockedFile wheel(String name, String version, String host) {
        String url = host + filenameStem(name) + "-" + version + "-py3-none-any.whl";
        return LockedFile.of(url, sha(url));
    }

    public static LockedFile sdist(String name, String version, String host) {
        String url = host + filenameStem(name) + "-" + version + ".tar.gz";
        return LockedFile.of(url, sha(url));
    }

    /** A package from PyPI with an sdist and a pure wheel, optionally attested (every file verified). */
    public static LockedPackage pkg(String name, String version, AttestationIdentity... identities) {
        LockedFile sd = sdist(name, version, FILES);
        LockedFile wh = wheel(name, version, FILES);
        return attested(LockEdits.withIndex(LockedPackage.of(name, version, Optional.of(sd), List.of(wh)), PYPI),
                identities);
    }

    /**
     * The package with these identities and a verified record for each file (none when no identities), each file
     * recorded as signed by the first identity.
     */
    public static LockedPackage attested(LockedPackage p, AttestationIdentity... identities) {
        if (identities.length == 0) {
            return p.withAttestations(List.of(), List.of());
        }
        List<FileAttestationRecord> records = new ArrayList<>();
        long log = 100_000_000L;
        for (LockedFile f : p.files()) {
            records.add(new FileAttestationRecord(f.filename(), f.sha256().orElseThrow(),
                    FileAttestationRecord.Status.VERIFIED, OptionalLong.of(log++),
                    Optional.of(Instant.parse("2026-03-01T12:00:00Z")), Optional.of("61133215"),
                    Optional.of("647025"), OptionalInt.of(1)));
        }
        return p.withAttestations(List.of(identities), records);
    }

    static Lockfile lock(List<LockedPackage> packages, TrustPolicy policy) {
        return Lockfile.of(Optional.of(">=3.9"), packages, policy);
    }

    /** The classic takeover: a new release of requests, published from another repository. */
    static Scenario takeover() {
        AttestationIdentity psf = github("psf/requests", "publish.yml", "pypi");
        AttestationIdentity fork = github("requests-maintainers/requests", "publish.yml", "pypi");
        return new Scenario(
                lock(List.of(pkg("requests", "2.32.3", psf), pkg("idna", "3.7", github("kjd/idna", "deploy.yml",
                        null))), TrustPolicy.EMPTY),
                lock(List.of(pkg("requests", "2.32.4", fork), pkg("idna", "3.7", github("kjd/idna", "deploy.yml",
                        null))), TrustPolicy.EMPTY));
    }

    /** A project moved between GitLab groups; HEAD records the reviewed approval. */
    static Scenario approvedMove() {
        AttestationIdentity old = gitlab("old-group/sampleproject", ".gitlab-ci.yml");
        AttestationIdentity moved = gitlab("pep740-example/sampleproject", ".gitlab-ci.yml");
        TrustPolicy policy = TrustPolicy.EMPTY.withApprovedChange(new ApprovedIdentityChange("pep740-sampleproject",
                old, moved, "project moved from old-group; confirmed with the maintainers in issue #12",
                LocalDate.of(2026, 1, 31), Optional.of("alice@example.com")));
        return new Scenario(
                lock(List.of(pkg("pep740-sampleproject", "1.0.0", old)), TrustPolicy.EMPTY),
                lock(List.of(pkg("pep740-sampleproject", "1.0.1", moved)), policy));
    }

    /** One package per kind of change, plus policy changes. */
    static Scenario everything() {
        List<LockedPackage> base = new ArrayList<>();
        List<LockedPackage> head = new ArrayList<>();
        AttestationIdentity crypto = github("pyca/cryptography", "pypi-publish.yml", "publish");
        // identity added next to the existing one (not approved)
        base.add(pkg("cryptography", "43.0.0", crypto));
        head.add(pkg("cryptography", "43.0.0", crypto, github("pyca/cryptography", "wheel-builder.yml", null)));
        // attestations lost for the whole package with a new release
        AttestationIdentity urllib3 = github("urllib3/urllib3", "publish.yml", "publish");
        base.add(pkg("urllib3", "2.2.0", urllib3));
        head.add(pkg("urllib3", "2.2.1"));
        // a file-level loss: the new sdist has no provenance
        AttestationIdentity sampleId = github("pypa/sampleproject", "release.yml", "pypi");
        base.add(pkg("sampleproject", "4.0.0", sampleId));
        LockedPackage s = pkg("sampleproject", "4.0.1", sampleId);
        List<FileAttestationRecord> records = new ArrayList<>(s.attestationRecords());
        FileAttestationRecord sd = records.get(0);
        records.set(0, FileAttestationRecord.noProvenance(sd.filename(), sd.sha256()));
        head.add(s.withAttestations(s.attestationIdentities(), records));
        // same file, other hash
        base.add(pkg("certifi", "2025.4.26"));
        LockedFile other = LockedFile.of(wheel("certifi", "2025.4.26", FILES).url().orElseThrow(), sha("rebuilt"));
        head.add(LockEdits.withIndex(LockedPackage.of("certifi", "2025.4.26",
                Optional.of(sdist("certifi", "2025.4.26", FILES)), List.of(other)), PYPI));
        // a wheel served from another host
        base.add(pkg("charset-normalizer", "3.4.2"));
        head.add(LockEdits.withIndex(LockedPackage.of("charset-normalizer", "3.4.2",
                Optional.of(sdist("charset-normalizer", "3.4.2", FILES)),
                List.of(LockedFile.of(wheel("charset-normalizer", "3.4.2", "https://mirror.example.net/files/")
                        .url().orElseThrow(), wheel("charset-normalizer", "3.4.2", FILES).sha256().orElseThrow()))),
                PYPI));
        // another index
        base.add(pkg("six", "1.16.0"));
        head.add(LockEdits.withIndex(pkg("six", "1.16.0"), "https://packages.example.com/simple/"));
        // new packages: attested, unattested, allowed unattested; a removed one
        head.add(pkg("rich", "13.9.4", github("Textualize/rich", "publish.yml", null)));
        head.add(pkg("left-pad", "1.3.0"));
        head.add(pkg("legacy-lib", "0.9"));
        base.add(pkg("simplejson", "3.19.3"));
        // identities recorded for the first time
        base.add(pkg("packaging", "24.1"));
        head.add(pkg("packaging", "24.2", github("pypa/packaging", "release.yml", "pypi")));
        // a downgrade, an upgrade with a marker change, a requires-python change, files added in one version
        base.add(pkg("numpy", "2.1.0"));
        head.add(pkg("numpy", "2.0.2"));
        base.add(pkg("colorama", "0.4.5").withMarker("sys_platform == 'win32'"));
        head.add(pkg("colorama", "0.4.6").withMarker("os_name == 'nt'"));
        base.add(pkg("typing-extensions", "4.12.2"));
        head.add(withRequiresPython(pkg("typing-extensions", "4.12.2"), ">=3.8"));
        base.add(pkg("pyyaml", "6.0.2"));
        LockedPackage yaml = pkg("pyyaml", "6.0.2");
        List<LockedFile> wheels = new ArrayList<>(yaml.wheels());
        String extra = FILES + "PyYAML-6.0.2-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl";
        wheels.add(LockedFile.of(extra, sha(extra)));
        head.add(LockEdits.withIndex(LockedPackage.of("pyyaml", "6.0.2", yaml.sdist(), wheels), PYPI));
        // fewer identities
        AttestationIdentity attrs = github("python-attrs/attrs", "pypi-package.yml", "release-pypi");
        base.add(pkg("attrs", "25.1.0", attrs, github("python-attrs/attrs", "old-release.yml", null)));
        head.add(pkg("attrs", "25.1.0", attrs));
        // a VCS source at a new commit
        base.add(vcs("peppercorn", "0123456789abcdef0123456789abcdef01234567"));
        head.add(vcs("peppercorn", "89abcdef0123456789abcdef0123456789abcdef"));

        // from the index to a git checkout
        base.add(pkg("httpx", "0.27.0"));
        head.add(vcs("httpx", "fedcba9876543210fedcba9876543210fedcba98"));

        ApprovedIdentityChange oldApproval = new ApprovedIdentityChange("attrs",
                github("python-attrs/attrs", "release.yml", null), attrs, "workflow renamed upstream",
                LocalDate.of(2025, 6, 1), Optional.empty());
        TrustPolicy basePolicy = new TrustPolicy(new TreeSet<>(List.of("urllib3")), new TreeSet<>(List.of(
                "peppercorn")), List.of(oldApproval));
        TrustPolicy headPolicy = new TrustPolicy(new TreeSet<>(List.of("cryptography")), new TreeSet<>(List.of(
                "legacy-lib")), List.of());
        Lockfile b = lock(base, basePolicy);
        Lockfile h = new Lockfile(Lockfile.LOCK_VERSION, Lockfile.CREATED_BY, Optional.of(">=3.10"),
                Optional.of(List.of("sys_platform == 'linux'")), Optional.empty(), Optional.empty(),
                Optional.empty(), head, RawTable.EMPTY, headPolicy, RawTable.EMPTY);
        return new Scenario(b, h);
    }

    static LockedPackage withRequiresPython(LockedPackage p, String spec) {
        return new LockedPackage(p.name(), p.version(), p.marker(), Optional.of(spec), p.index(), p.dependencies(),
                p.sdist(), p.wheels(), p.vcs(), p.directory(), p.archive(), p.attestationIdentities(), p.tool(),
                p.attestationRecords(), p.extra());
    }

    static LockedPackage vcs(String name, String commit) {
        return new LockedPackage(name, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                List.of(), Optional.empty(), List.of(), Optional.of(RawTable.of(Map.of("type", "git", "url",
                        "https://github.com/example/" + name, "commit-id", commit))), Optional.empty(),
                Optional.empty(), List.of(), RawTable.EMPTY, List.of(), RawTable.EMPTY);
    }
}
