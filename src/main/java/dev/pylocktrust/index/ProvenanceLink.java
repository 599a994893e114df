package dev.pylocktrust.index;

/**
 * What a project page says about a file's PEP 740 provenance. Kept apart from the lookup result because the same
 * statement means different things on different indexes (see {@link IndexClient#provenance}).
 */
public sealed interface ProvenanceLink
        permits ProvenanceLink.Listed, ProvenanceLink.Null, ProvenanceLink.Absent, ProvenanceLink.Invalid {

    /** The page gives a provenance URL, already resolved to an absolute URL. */
    record Listed(String url) implements ProvenanceLink {}

    /** JSON {@code "provenance": null}: the index states that the file has no provenance. */
    record Null() implements ProvenanceLink {}

    /**
     * No {@code provenance} key (JSON) or no {@code data-provenance} attribute (HTML). On a page declaring API 1.3
     * or later this means "none"; on an older page (or a mirror that rewrites pages) it means "unknown".
     *
     * @param pageSupportsProvenance true if the page declared Simple API 1.3 or later
     */
    record Absent(boolean pageSupportsProvenance) implements ProvenanceLink {}

    /** The page gives a value that PEP 740 forbids (relative, http, not a URL); a lookup fails closed. */
    record Invalid(String value, String reason) implements ProvenanceLink {}
}
