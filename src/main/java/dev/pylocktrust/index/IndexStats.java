package dev.pylocktrust.index;

/**
 * Counters for one {@link IndexClient}: what the progress line shows and what benchmarks report.
 *
 * @param requests      HTTP exchanges made (each redirect hop and each retry counts)
 * @param cacheHits     answers served from the on-disk cache (including pages revalidated with 304)
 * @param notModified   304 answers to conditional page requests
 * @param retries       requests repeated after a connect error, 429 or 5xx
 * @param bytesReceived response body bytes read from the network
 */
public record IndexStats(long requests, long cacheHits, long notModified, long retries, long bytesReceived) {}
