package dev.pylocktrust.index;

import dev.pylocktrust.PylockTrustException;
import java.util.Objects;

/**
 * The outcome of looking up a file's PEP 740 provenance. The four outcomes are deliberately distinct: only
 * {@link NotPublished} is the index's own statement that a file has none, and {@link Failed} must never be read as
 * "no provenance" (callers turn it into an error: {@code throw failed.error()}).
 */
public sealed interface ProvenanceLookup
        permits ProvenanceLookup.Found, ProvenanceLookup.NotPublished, ProvenanceLookup.NotSupported,
                ProvenanceLookup.Failed {

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

    /** The lookup failed (network, 5xx, bare 404, refused URL, malformed response, not in the offline cache). */
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
