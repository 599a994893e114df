package dev.pylocktrust.index;

/**
 * What a project page says about a file's PEP 740 provenance. Kept apart from the lookup result because the same
 * statement means different things on different indexes (see {@link IndexClient#provenance}).
 */
public sealed interface ProvenanceLink
        permits ProvenanceLink.Listed, ProvenanceLink.Null, ProvenanceLink.Absent, ProvenanceLink.Invalid {

    /** The page gives a provenance URL, already resolved to an absolute URL. */
    record Listed(String url) implements ProvenanceLink {}

    /**
     * The index states that the file has no provenance: JSON {@code "provenance": null}, or a page declaring Simple
     * API 1.3 or later without the key (JSON) or the {@code data-provenance} attribute (HTML), which PEP 740 allows
     * for "none". JSON and HTML pages for the same facts therefore parse to the same link.
     */
    record Null() implements ProvenanceLink {}

    /**
     * A page older than Simple API 1.3 (or a mirror that declares such a version): it cannot say anything about
     * provenance, so nothing is known.
     */
    record Absent() implements ProvenanceLink {}

    /** The page gives a value that PEP 740 forbids (relative, http, not a URL); a lookup fails closed. */
    record Invalid(String value, String reason) implements ProvenanceLink {}
}
