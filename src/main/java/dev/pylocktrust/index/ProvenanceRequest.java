package dev.pylocktrust.index;

import java.util.Objects;

/**
 * One file whose provenance is wanted, for {@link IndexClient#provenance(java.util.List)}.
 *
 * @param file    the file as its project page lists it
 * @param version the release version, as stored on the index (only used for the Integrity API fallback)
 */
public record ProvenanceRequest(IndexFile file, String version) {
    public ProvenanceRequest {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(version, "version");
    }
}
