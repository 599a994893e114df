package dev.pylocktrust.index;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One distribution file as a project page lists it. The file's identity is its sha256 ({@link #sha256()}), never its
 * filename: the same file may be spelled differently in a lockfile.
 *
 * @param project        the normalized project name of the page that listed the file
 * @param filename       the filename exactly as the index gives it (used for the Integrity API and attestation checks)
 * @param url            the absolute download URL, without the {@code #hash=} fragment
 * @param hashes         hash name (lower case) to lower-case hex digest; may be empty on poor indexes
 * @param requiresPython the {@code requires-python} specifier text, if any (entities already decoded)
 * @param yanked         whether the file is yanked (PEP 592)
 * @param yankedReason   the reason given for yanking, if any
 * @param size           the size in bytes (JSON pages, API 1.1+), if given
 * @param uploadTime     the upload time (JSON pages, API 1.1+), if given
 * @param coreMetadata   present if PEP 658 metadata is served at {@code url + ".metadata"}; the map holds its hashes
 *                       (empty when the index only says {@code true})
 * @param provenance     what the page says about PEP 740 provenance
 */
public record IndexFile(
        String project,
        String filename,
        String url,
        Map<String, String> hashes,
        Optional<String> requiresPython,
        boolean yanked,
        Optional<String> yankedReason,
        OptionalLong size,
        Optional<Instant> uploadTime,
        Optional<Map<String, String>> coreMetadata,
        ProvenanceLink provenance) {

    public IndexFile {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(url, "url");
        hashes = Map.copyOf(hashes);
        Objects.requireNonNull(requiresPython, "requiresPython");
        Objects.requireNonNull(yankedReason, "yankedReason");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(uploadTime, "uploadTime");
        coreMetadata = coreMetadata.map(Map::copyOf);
        Objects.requireNonNull(provenance, "provenance");
        if (yankedReason.isPresent() && !yanked) {
            throw new IllegalArgumentException("a yank reason without yanked=true");
        }
    }

    /** The lower-case hex sha256 the index gives for this file, if any. */
    public Optional<String> sha256() {
        return Optional.ofNullable(hashes.get("sha256"));
    }
}
