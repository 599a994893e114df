package dev.pylocktrust.index;

/**
 * Hard caps on what is read from the index or the cache, so a hostile or broken index cannot exhaust memory. A
 * response over its cap is an error, never silently truncated.
 *
 * @param projectPage maximum bytes of a project page (PyPI's biggest pages are a few tens of MiB)
 * @param metadata    maximum bytes of a PEP 658 {@code .metadata} file
 * @param provenance  maximum bytes of a provenance document (real ones are about 10 KiB)
 * @param errorBody   maximum bytes read from an error response (a 404's JSON message)
 * @param inFlight    maximum bytes held by all answers being read at the same moment: each answer is capped, but
 *                    {@code jobs} answers at their caps at once would exceed a small heap (32 x 64 MiB); past this,
 *                    the answer that asks for more fails (exit 3) instead of the JVM running out of memory
 */
public record SizeLimits(long projectPage, long metadata, long provenance, long errorBody, long inFlight) {
    /** 64 MiB pages, 16 MiB metadata, 4 MiB provenance, 64 KiB error bodies; in flight, a quarter of the heap. */
    public static final SizeLimits DEFAULT = new SizeLimits(64L << 20, 16L << 20, 4L << 20, 64L << 10);

    /** As the canonical constructor, with a quarter of the JVM's maximum heap in whole MiB (at least 32) in flight. */
    public SizeLimits(long projectPage, long metadata, long provenance, long errorBody) {
        this(projectPage, metadata, provenance, errorBody,
                Math.max(32L << 20, Runtime.getRuntime().maxMemory() / 4 >> 20 << 20));
    }

    public SizeLimits {
        if (projectPage <= 0 || metadata <= 0 || provenance <= 0 || errorBody <= 0 || inFlight <= 0) {
            throw new IllegalArgumentException("size limits must be positive");
        }
        if (projectPage > Integer.MAX_VALUE - 8 || metadata > Integer.MAX_VALUE - 8
                || provenance > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("size limits must fit in a byte array");
        }
    }
}
