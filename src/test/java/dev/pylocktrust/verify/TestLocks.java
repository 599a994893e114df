package dev.pylocktrust.verify;

import dev.pylocktrust.lock.AttestationIdentity;
import dev.pylocktrust.lock.FileAttestationRecord;
import dev.pylocktrust.lock.LockedFile;
import dev.pylocktrust.lock.LockedPackage;
import dev.pylocktrust.lock.Lockfile;
import dev.pylocktrust.lock.LockfileWriter;
import dev.pylocktrust.lock.RawTable;
import dev.pylocktrust.lock.TrustPolicy;
import dev.pylocktrust.testkit.index.IdentitySpec;
import dev.pylocktrust.testkit.index.TestFile;
import dev.pylocktrust.testkit.index.TestIndex;
import dev.pylocktrust.testkit.index.TestProject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Lock files for a {@link TestIndex}, built as models and written with the production {@link LockfileWriter}: one
 * package per project (its first version), every file with its sha256, and the given identities as
 * {@code [[packages.attestation-identities]]}.
 */
public final class TestLocks {
    private TestLocks() {}

    /** The identity table a lock records for a test publisher (null keys dropped, as PyPI's publisher object). */
    public static AttestationIdentity identity(IdentitySpec spec) {
        Map<String, Object> fields = new LinkedHashMap<>();
        spec.publisherObject().forEach((k, v) -> {
            if (v != null && !(v instanceof String s && s.isEmpty())) {
                fields.put(k, v);
            }
        });
        return AttestationIdentity.of(fields);
    }

    /** A locked file for a test file, with a URL on {@code fileBase} and its sha256. */
    public static LockedFile file(TestFile f, String fileBase) {
        return new LockedFile(Optional.empty(), Optional.of(fileBase + f.project() + "/" + f.filename()),
                Optional.empty(), OptionalLong.of(f.content().length), Optional.of(f.uploadTime()),
                new TreeMap<>(Map.of("sha256", f.sha256())), RawTable.EMPTY);
    }

    /** The package for one test project: sdist (a .tar.gz) and wheels; identities as given. */
    public static LockedPackage pkg(TestProject p, String fileBase, List<IdentitySpec> identities) {
        Optional<LockedFile> sdist = Optional.empty();
        List<LockedFile> wheels = new ArrayList<>();
        String version = p.versions().get(0);
        for (TestFile f : p.files()) {
            if (!f.version().equals(version)) {
                continue;
            }
            if (f.filename().endsWith(".whl")) {
                wheels.add(file(f, fileBase));
            } else {
                sdist = Optional.of(file(f, fileBase));
            }
        }
        return LockedPackage.of(p.name(), version, sdist, wheels)
                .withAttestations(identities.stream().map(TestLocks::identity).toList(), List.<FileAttestationRecord>of());
    }

    /**
     * A lock with every project of {@code index}.
     *
     * @param identities locked identities per normalized project name (absent: none)
     */
    public static Lockfile lock(TestIndex index, String fileBase, Map<String, List<IdentitySpec>> identities,
                                TrustPolicy policy) {
        List<LockedPackage> packages = new ArrayList<>();
        for (TestProject p : index.projects()) {
            packages.add(pkg(p, fileBase, identities.getOrDefault(p.name(), List.of())));
        }
        return Lockfile.of(Optional.empty(), packages, policy);
    }

    /** Writes {@code lock} to {@code target} with the production writer. */
    public static Path write(Path target, Lockfile lock) {
        new LockfileWriter(List.of("pylock-trust", "lock")).writeAtomically(target, lock);
        return target;
    }
}
