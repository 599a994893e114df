package dev.pylocktrust.index;

/**
 * Hard caps on what is read from the index or the cache, so a hostile or broken index cannot exhaust memory. A
 * response over its cap is an error, never silently truncated.
 *
 * @param projectPage maximum bytes of a project page (PyPI's biggest pages are a few tens of MiB)
 * @param metadata    maximum bytes of a PEP 658 {@code .metadata} file
 * @param provenance  maximum bytes of a provenance document (real ones are about 10 KiB)
 * @param errorBody   maximum bytes read from an error response (a 404's JSON message)
 */
public record SizeLimits(long projectPage, long metadata, long provenance, long errorBody) {
    /** 64 MiB pages, 16 MiB metadata, 4 MiB provenance, 64 KiB error bodies. */
    public static final SizeLimits DEFAULT = new SizeLimits(64L << 20, 16L << 20, 4L << 20, 64L << 10);

    public SizeLimits {
        if (projectPage <= 0 || metadata <= 0 || provenance <= 0 || errorBody <= 0) {
            throw new IllegalArgumentException("size limits must be positive");
        }
        if (projectPage > Integer.MAX_VALUE - 8 || metadata > Integer.MAX_VALUE - 8
                || provenance > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("size limits must fit in a byte array");
        }
    }
}
