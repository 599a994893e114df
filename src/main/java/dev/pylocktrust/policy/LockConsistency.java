package dev.pylocktrust.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Cross-checks what a lock says about one package entry against itself: the per-file records that
 * {@code pylock-trust lock} wrote when it verified the files, the files' hashes, and the identities. A lock edited by
 * hand (or by an attacker in a pull request) can remove identities so the package looks never attested, or change a
 * hash after the file was verified; both leave the records behind. Pure.
 */
public final class LockConsistency {
    private LockConsistency() {}

    /**
     * A locked file.
     *
     * @param sha256 its sha256, if the lock has one
     * @param location the line of its hashes in the lock
     */
    public record FileFacts(String filename, Optional<String> sha256, Optional<SourceLocation> location) {
        public FileFacts {
            Objects.requireNonNull(filename, "filename");
            Objects.requireNonNull(sha256, "sha256");
            Objects.requireNonNull(location, "location");
        }
    }

    /**
     * A per-file record.
     *
     * @param verified its status is {@code verified}
     * @param identity the 1-based position of the identity that signed it, if recorded
     * @param location the record's line in the lock
     */
    public record RecordFacts(String filename, String sha256, boolean verified, OptionalInt identity,
                              Optional<SourceLocation> location) {
        public RecordFacts {
            Objects.requireNonNull(filename, "filename");
            Objects.requireNonNull(sha256, "sha256");
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(location, "location");
        }
    }

    /**
     * @param name the package's normalized name
     * @param label {@code name version}, for messages
     * @param identities how many identities the entry records
     * @param at where the package is, for findings without a better place
     */
    public static List<Finding> check(String name, String label, List<FileFacts> files, List<RecordFacts> records,
                                      int identities, Optional<SourceLocation> at) {
        List<Finding> out = new ArrayList<>();
        boolean[] supported = new boolean[identities];
        boolean allReferenced = !records.isEmpty();
        for (RecordFacts r : records) {
            Optional<SourceLocation> where = r.location().or(() -> at);
            boolean sameBytes = files.stream().anyMatch(f -> f.sha256().filter(r.sha256()::equals).isPresent());
            Optional<FileFacts> sameName = files.stream().filter(f -> FileNames.sameFile(f.filename(), r.filename()))
                    .findFirst();
            if (!sameBytes && sameName.isPresent()) {
                FileFacts f = sameName.get();
                out.add(Finding.of(FindingCode.HASH_CHANGED, name, Optional.of(f.filename()), label + ": the lock "
                                + "has sha256 " + f.sha256().orElse("(none)") + " for " + f.filename() + ", but it "
                                + "was checked with sha256 " + r.sha256() + " when it was locked",
                        "expected: sha256 " + r.sha256() + " (the file's record" + r.location()
                                .map(l -> " at line " + l.line()).orElse("") + ")\nfound:    sha256 "
                                + f.sha256().orElse("(none)") + " in its hashes: the hash was changed after locking",
                        "do not install it: another file now stands under this name; restore the lock from version "
                                + "control, or lock again and review the change", f.location().or(() -> at)));
            } else if (!sameBytes) {
                out.add(Finding.of(FindingCode.LOCK_INCONSISTENT, name, Optional.of(r.filename()), label
                                + ": the record for " + r.filename() + " matches no file of the package",
                        "found: a record with sha256 " + r.sha256() + ", and no file with that name or hash",
                        regenerate(), where));
            }
            if (r.verified() && identities == 0) {
                out.add(Finding.of(FindingCode.LOCK_INCONSISTENT, name, Optional.of(r.filename()), label + ": "
                                + r.filename() + " is recorded as verified, but the package records no "
                                + "attestation-identities", "a verified file was signed by an identity the lock "
                                + "recorded; without it, nothing holds the package to its publisher (were the "
                                + "identities removed?)", "restore the identities from version control; to start "
                                + "over for this package, remove its records too (a reviewer sees both)", where));
            } else if (r.identity().isPresent()) {
                int i = r.identity().getAsInt();
                if (i < 1 || i > identities) {
                    out.add(Finding.of(FindingCode.LOCK_INCONSISTENT, name, Optional.of(r.filename()), label + ": "
                                    + r.filename() + " is recorded as signed by identity " + i + ", but the package "
                                    + "records " + identities + " attestation-identities", "", regenerate(), where));
                } else if (r.verified()) {
                    supported[i - 1] = true;
                }
            } else if (r.verified()) {
                allReferenced = false;
                if (identities > 1) {
                    out.add(Finding.of(FindingCode.LOCK_INCONSISTENT, name, Optional.of(r.filename()), label + ": "
                                    + r.filename() + " is recorded as verified without naming which of the package's "
                                    + identities + " attestation-identities signed it", "pylock-trust records the "
                                    + "signing identity of every verified file; without it, the signed ids and the kind "
                                    + "of file each identity signs cannot be held to", regenerate(), where));
                }
            }
        }
        if (!records.isEmpty()) {
            for (FileFacts f : files) {
                boolean recorded = f.sha256().isPresent() && records.stream()
                        .anyMatch(r -> r.sha256().equals(f.sha256().get()) || FileNames.sameFile(r.filename(),
                                f.filename()));
                if (!recorded) {
                    out.add(Finding.of(FindingCode.LOCK_INCONSISTENT, name, Optional.of(f.filename()), label + ": "
                                    + f.filename() + " has no record, while the package's other files do",
                            "pylock-trust records every file it checked; a file without a record was added "
                                    + "afterwards, unchecked", "remove it, or lock again to check it",
                            f.location().or(() -> at)));
                }
            }
        }
        if (allReferenced && records.stream().anyMatch(RecordFacts::verified)) {
            for (int i = 0; i < identities; i++) {
                if (!supported[i]) {
                    out.add(Finding.of(FindingCode.LOCK_INCONSISTENT, name, Optional.empty(), label
                                    + ": attestation identity " + (i + 1) + " signs none of the recorded files",
                            "every identity pylock-trust records signed at least one locked file; this one was "
                                    + "added by hand", "remove it, or lock again to record who signs the files",
                            at));
                }
            }
        }
        return out;
    }

    private static String regenerate() {
        return "records describe the package's own files; restore the lock from version control or regenerate it "
                + "with 'pylock-trust lock'";
    }
}
