/**
 * The package index: everything {@code lock} and {@code verify} learn about packages comes through here.
 *
 * <p>Specs: the Simple Repository API (PEP 503 HTML, PEP 691 JSON, PEP 700, PEP 714, PEP 740 {@code provenance},
 * PEP 792 status; https://packaging.python.org/en/latest/specifications/simple-repository-api/), PEP 658 core
 * metadata, and PyPI's Integrity API (https://docs.pypi.org/api/integrity/, not a standard).
 *
 * <p>Traps this package handles, so callers need not:
 * <ul>
 *   <li>Content negotiation: ask for JSON first, then dispatch on the <em>response</em> Content-Type; PyPI answers
 *       {@code text/html} when nothing matches.</li>
 *   <li>API version: a major version above 1 is a hard error, a newer minor only a warning.</li>
 *   <li>A file's identity is its sha256, never its filename: uv writes normalized filenames into pylock.toml while
 *       PyPI serves {@code MarkupSafe-...}. Use {@link dev.pylocktrust.index.ProjectPage#fileWithSha256}.</li>
 *   <li>PyPI's JSON legacy key is the misnamed {@code data-dist-info-metadata}; {@code core-metadata} wins.</li>
 *   <li>Provenance has four outcomes ({@link dev.pylocktrust.index.ProvenanceLookup}); a failed lookup is never
 *       "no provenance". The Integrity API's 404 with {@code {"message": "No provenance available for F"}} means
 *       "none"; a bare 404 means the project, version or filename is wrong.</li>
 *   <li>{@code data-provenance} must be an absolute https URL (PEP 740); a relative or http value is rejected.</li>
 * </ul>
 *
 * <p>Project names are normalized with {@code dev.pylocktrust.python.PackageName} before any request. Only this
 * package imports okhttp. Nothing here makes a trust decision: provenance bytes are returned as
 * received (checked for size and JSON well-formedness only) and the {@code attest} layer verifies them, from the
 * network or from the cache, on every run.
 */
package dev.pylocktrust.index;
