package dev.pylocktrust.diff;

import java.util.List;
import java.util.Objects;

/** The result of comparing two lockfiles: what each one is, and every change, most severe first. */
public record LockDiff(Side base, Side head, List<Change> changes) {

    /**
     * One of the two lockfiles, as far as the report needs it.
     *
     * @param file the name the user gave (a path, or {@code git:REV:PATH})
     * @param createdBy the tool that wrote it
     * @param packages how many package entries it has
     * @param withIdentities how many entries record at least one attestation identity
     * @param warnings what the reader warned about (e.g. a newer minor lock-version), as {@code FILE:LINE: message}
     */
    public record Side(String file, String createdBy, int packages, int withIdentities, List<String> warnings) {
        public Side {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(createdBy, "createdBy");
            warnings = List.copyOf(warnings);
        }
    }

    public LockDiff {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(head, "head");
        changes = List.copyOf(changes);
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }
}
