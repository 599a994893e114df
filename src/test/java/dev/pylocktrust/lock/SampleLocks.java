package dev.pylocktrust.lock;

import static dev.pylocktrust.lock.Fixtures.sha;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;

/** Lock files built in memory that use every part of the model, for round-trip, schema and interop tests. */
final class SampleLocks {
    static final AttestationIdentity SAMPLEPROJECT = AttestationIdentity.of(Map.of("kind", "GitHub",
            "repository", "pypa/sampleproject", "workflow", "release.yml", "environment", "pypi"));
    static final AttestationIdentity SAMPLEPROJECT_MACOS = AttestationIdentity.of(Map.of("kind", "GitHub",
            "repository", "pypa/sampleproject", "workflow", "release-macos.yml"));
    static final AttestationIdentity GITLAB = AttestationIdentity.of(Map.of("kind", "GitLab",
            "repository", "pep740-example/sampleproject", "workflow_filepath", ".gitlab-ci.yml"));

    /** Every feature: identities, records, policy, direct sources, other tools' tables, unknown keys. */
    static Lockfile everything() {
        LockedFile sdist = LockEdits.listed(file("https://files.example/sampleproject-4.0.0.tar.gz", sha('1')),
                2_000_000L, Instant.parse("2024-11-06T22:37:07.123Z"));
        LockedFile wheel = LockEdits.listed(file("https://files.example/sampleproject-4.0.0-py3-none-any.whl",
                sha('2')), 4_000L, Instant.parse("2024-11-06T22:37:08Z"));
        LockedFile macWheel = new LockedFile(Optional.of("sampleproject-4.0.0-cp312-cp312-macosx_11_0_arm64.whl"),
                Optional.of("https://files.example/SampleProject-4.0.0-cp312-cp312-macosx_11_0_arm64.whl"),
                Optional.empty(), OptionalLong.of(0), Optional.empty(),
                new TreeMap<>(Map.of("sha256", sha('3'), "blake2b", "00ff")),
                RawTable.of(Map.of("x-mirror", "https://mirror.example/x.whl")));
        List<FileAttestationRecord> records = List.of(
                new FileAttestationRecord("sampleproject-4.0.0-py3-none-any.whl", sha('2'),
                        FileAttestationRecord.Status.VERIFIED, OptionalLong.of(147137144),
                        Optional.of(Instant.parse("2024-11-06T22:37:08Z")), Optional.of("61133215"),
                        Optional.of("647025")),
                new FileAttestationRecord("sampleproject-4.0.0.tar.gz", sha('1'), FileAttestationRecord.Status.FAILED,
                        OptionalLong.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
                FileAttestationRecord.noProvenance("SampleProject-4.0.0-cp312-cp312-macosx_11_0_arm64.whl", sha('3')));
        LockedPackage sampleproject = new LockedPackage("sampleproject", Optional.of("4.0.0"),
                Optional.of("python_version >= \"3.9\" and 'dev' in dependency_groups"), Optional.of(">=3.9"),
                Optional.of("https://pypi.org/simple/"),
                List.of(RawTable.of(Map.of("name", "peppercorn")), RawTable.of(Map.of("name", "attrs",
                        "version", "25.1.0"))),
                Optional.of(sdist), List.of(wheel, macWheel), Optional.empty(), Optional.empty(), Optional.empty(),
                List.of(SAMPLEPROJECT_MACOS, SAMPLEPROJECT, SAMPLEPROJECT),
                RawTable.of(Map.of("uv", Map.of("source", "registry"))), records,
                RawTable.of(Map.of("future-package-key", List.of(1L, 2L))));

        LockedPackage gitlab = LockedPackage.of("pep740-sampleproject", "1.0.0",
                Optional.of(file("https://files.example/pep740_sampleproject-1.0.0.tar.gz", sha('4'))), List.of())
                .withAttestations(List.of(GITLAB), List.of());
        LockedPackage local = new LockedPackage("my-app", Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(), Optional.empty(), List.of(), Optional.empty(),
                Optional.of(RawTable.of(Map.of("path", ".", "editable", true))), Optional.empty(), List.of(),
                RawTable.EMPTY, List.of(), RawTable.EMPTY);
        LockedPackage fromGit = new LockedPackage("peppercorn", Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(), Optional.empty(), List.of(),
                Optional.of(RawTable.of(Map.of("type", "git", "url", "https://github.com/pypa/peppercorn",
                        "requested-revision", "main", "commit-id", "0123456789abcdef0123456789abcdef01234567"))),
                Optional.empty(), Optional.empty(), List.of(), RawTable.EMPTY, List.of(), RawTable.EMPTY);
        LockedPackage archive = new LockedPackage("attrs", Optional.of("25.1.0"), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(), Optional.empty(), List.of(), Optional.empty(), Optional.empty(),
                Optional.of(RawTable.of(Map.of("url", "https://files.example/attrs-25.1.0.zip", "size", 10L,
                        "upload-time", OffsetDateTime.parse("2025-01-25T11:30:10Z"),
                        "hashes", Map.of("sha256", sha('5'))))),
                List.of(), RawTable.EMPTY, List.of(), RawTable.EMPTY);

        RawTable otherTool = RawTable.of(Map.of("mousebender", Map.of(
                "command", List.of(".", "lock", "--platform", "cpython3.12-windows-x64"),
                "run-on", LocalDateTime.parse("2025-03-06T12:28:57.760769"),
                "day", LocalDate.parse("2025-03-06"), "at", LocalTime.parse("12:00:00"),
                "ratio", 0.5, "huge", Double.POSITIVE_INFINITY, "flag", false,
                "nested", Map.of("deeper", Map.of("k", "v")),
                "runs", List.of(Map.of("n", 1L), Map.of("n", 2L, "when",
                        OffsetDateTime.of(2025, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(2)))))));
        TrustPolicy policy = new TrustPolicy(new TreeSet<>(List.of("sampleproject")),
                new TreeSet<>(List.of("my-app", "peppercorn")), List.of(new ApprovedIdentityChange(
                        "pep740-sampleproject",
                        AttestationIdentity.of(Map.of("kind", "GitLab", "repository", "old-group/sampleproject",
                                "workflow_filepath", ".gitlab-ci.yml")),
                        GITLAB, "project moved from old-group; confirmed with the maintainers in issue #12",
                        LocalDate.of(2026, 1, 31), Optional.of("alice@example.com"))));
        return new Lockfile("1.0", "pylock-trust", Optional.of(">=3.9"),
                Optional.of(List.of("sys_platform == 'linux'", "sys_platform == 'darwin'")),
                Optional.of(List.of()), Optional.of(List.of("dev")), Optional.of(List.of("default")),
                List.of(sampleproject, local, gitlab, fromGit, archive), otherTool, policy,
                RawTable.of(Map.of("future-top-level-key", "kept")));
    }

    static LockedFile file(String url, String sha256) {
        return LockedFile.of(url, sha256);
    }

    private SampleLocks() {}
}
