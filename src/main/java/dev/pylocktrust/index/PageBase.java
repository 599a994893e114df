package dev.pylocktrust.index;

import java.util.Optional;

/**
 * Where a project page came from, so that the parsers can resolve relative URLs without knowing the transport. A
 * remote page accepts only http(s) file URLs; a mirror directory page also accepts {@code file:} URLs.
 */
interface PageBase {
    /** The page's own URL (credentials redacted), for the model and for messages. */
    String url();

    /** {@code ref} resolved against the page URL, or empty if it is not a usable URL for a file. */
    Optional<String> resolve(String ref);

    /**
     * True if a relative provenance URL is acceptable. PEP 740 requires an absolute URL from an index; a mirror
     * directory stores provenance beside the files and uses relative references.
     */
    boolean relativeProvenanceAllowed();

    /** True if {@code ref} is an absolute URL (has a scheme). */
    static boolean isAbsolute(String ref) {
        int colon = ref.indexOf(':');
        if (colon <= 0) {
            return false;
        }
        for (int i = 0; i < colon; i++) {
            char c = ref.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                    || (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
