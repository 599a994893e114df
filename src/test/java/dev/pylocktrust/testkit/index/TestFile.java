package dev.pylocktrust.testkit.index;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One distribution file on a test index, with everything the server or a mirror directory serves for it.
 *
 * @param project        normalized project name
 * @param version        release version
 * @param filename       exact filename
 * @param content        the file's bytes
 * @param sha256         lower-case hex sha256 of {@code content}
 * @param metadata       the bytes served at {@code .metadata}, or {@code null} (sdists)
 * @param metadataSha256 the metadata hash the page advertises (normally the sha256 of {@code metadata})
 * @param provenance     the provenance document, or {@code null} when the file has none
 * @param requiresPython Requires-Python, if any
 * @param yanked         yank reason ({@code ""} = yanked without reason), or empty
 * @param uploadTime     upload time
 */
public record TestFile(String project, String version, String filename, byte[] content, String sha256,
        byte[] metadata, String metadataSha256, byte[] provenance, Optional<String> requiresPython,
        Optional<String> yanked, Instant uploadTime) {

    public TestFile {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(sha256, "sha256");
    }

    public boolean hasMetadata() {
        return metadataSha256 != null;
    }

    public boolean hasProvenance() {
        return provenance != null;
    }

    /** This file serving other metadata bytes while the page keeps advertising the original hash. */
    public TestFile withServedMetadata(byte[] bytes) {
        return new TestFile(project, version, filename, content, sha256, bytes, metadataSha256, provenance,
                requiresPython, yanked, uploadTime);
    }
}
