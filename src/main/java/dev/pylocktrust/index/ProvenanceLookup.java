package dev.pylocktrust.index;

import dev.pylocktrust.PylockTrustException;
import java.util.Objects;

/**
 * The outcome of looking up a file's PEP 740 provenance. The five outcomes are deliberately distinct: only
 * {@link NotPublished} is the index's own statement that a file has none; {@link Invalid} is provenance the index
 * chose to serve that cannot be provenance (a trust failure); {@link Failed} is a lookup that did not complete and
 * must never be read as "no provenance" (callers turn it into an error: {@code throw failed.error()}).
 */
public sealed interface ProvenanceLookup
        permits ProvenanceLookup.Found, ProvenanceLookup.NotPublished, ProvenanceLookup.NotSupported,
                ProvenanceLookup.Invalid, ProvenanceLookup.Failed {

    /**
     * Provenance bytes as received (a JSON object within the size cap; nothing else is checked). The caller must
     * verify them, whether they came from the network or the cache.
     *
     * @param json      the raw provenance document
     * @param url       where it came from (credentials redacted)
     * @param fromCache true if read from the on-disk cache instead of the network
     */
    record Found(byte[] json, String url, boolean fromCache) implements ProvenanceLookup {
        public Found {
            json = json.clone();
            Objects.requireNonNull(url, "url");
        }

        @Override
        public byte[] json() {
            return json.clone();
        }
    }

    /**
     * The index states that the file has no provenance: {@code "provenance": null}, an API 1.3+ page without the key
     * or attribute, or PyPI's Integrity API answering 404 with {@code {"message": "No provenance available for <file>"}}.
     */
    record NotPublished(String why) implements ProvenanceLookup {}

    /**
     * The index does not serve PEP 740 provenance at all (a page older than API 1.3, or a mirror that strips the
     * key) and no Integrity API is configured. Nothing is known; {@code --integrity-url} may help.
     */
    record NotSupported(String why) implements ProvenanceLookup {}

    /**
     * The index served, for this file, something that cannot be its provenance: bytes that are not one JSON object
     * (invalid JSON or UTF-8, nested too deep, an array, trailing data), more bytes than the provenance cap (with or
     * without a Content-Length), or a provenance URL that PEP 740 forbids (relative, plain http on another origin,
     * a {@code file:} URL from a remote index). The index chose what it sent, and asking again does not change what
     * a hostile index sends: this is a trust failure (exit 1), never a network error.
     *
     * @param why what is wrong and where it came from (credentials redacted)
     */
    record Invalid(String why) implements ProvenanceLookup {
        public Invalid {
            Objects.requireNonNull(why, "why");
        }
    }

    /**
     * The lookup did not complete: the transport failed (connect, timeout, 5xx or 429 after the retries, a
     * transfer cut short, a refused redirect), the index answered another status (404, 403, a bare Integrity API
     * 404), or the offline cache lacks the entry. Nothing was decided (exit 3).
     */
    record Failed(PylockTrustException error) implements ProvenanceLookup {
        public Failed {
            Objects.requireNonNull(error, "error");
        }

        /** The reason, for reports. */
        public String why() {
            return error.getMessage();
        }
    }
}
