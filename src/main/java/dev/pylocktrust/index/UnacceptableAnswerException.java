package dev.pylocktrust.index;

import dev.pylocktrust.NetworkException;

/**
 * The index's own answer is unacceptable, whatever the network does: a body larger than its size cap (declared or
 * counted while reading, chunked or not), or a URL the index lists that must never be fetched ({@code file:} from a
 * remote index, not a URL, provenance over plain http on another origin). Asking again cannot help.
 *
 * <p>For project pages and metadata this stays a {@link NetworkException} (exit 3: without them nothing can be
 * decided). For provenance the {@link ProvenanceResolver} turns it into {@link ProvenanceLookup.Invalid}: the index
 * chose what it serves as a file's provenance, so unusable provenance is a trust failure. A transfer cut short (fewer
 * bytes than declared, a dropped connection) is not this: it is a transport failure and is retried.
 */
final class UnacceptableAnswerException extends NetworkException {
    UnacceptableAnswerException(String message, String... hints) {
        super(message, hints);
    }
}
