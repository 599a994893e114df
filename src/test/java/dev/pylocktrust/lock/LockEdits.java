package dev.pylocktrust.lock;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/** Edits of lock model records that only tests make (the reader and the locker build whole records). */
public final class LockEdits {
    private LockEdits() {}

    public static LockedFile withName(LockedFile f, String name) {
        return new LockedFile(Optional.of(name), f.url(), f.path(), f.size(), f.uploadTime(), f.hashes(), f.extra());
    }

    public static LockedFile withUploadTime(LockedFile f, Instant time) {
        return new LockedFile(f.name(), f.url(), f.path(), f.size(), Optional.of(time), f.hashes(), f.extra());
    }

    /** The file with a size and an upload time, as an index lists them. */
    public static LockedFile listed(LockedFile f, long size, Instant uploadTime) {
        return new LockedFile(f.name(), f.url(), f.path(), OptionalLong.of(size), Optional.of(uploadTime), f.hashes(),
                f.extra());
    }

    public static LockedPackage withIndex(LockedPackage p, String index) {
        return new LockedPackage(p.name(), p.version(), p.marker(), p.requiresPython(), Optional.of(index),
                p.dependencies(), p.sdist(), p.wheels(), p.vcs(), p.directory(), p.archive(),
                p.attestationIdentities(), p.tool(), p.attestationRecords(), p.extra());
    }
}
