package dev.pylocktrust.index;

import dev.pylocktrust.Ascii;
import dev.pylocktrust.NetworkException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A project's page on the index, parsed from PEP 691 JSON or PEP 503 HTML into the same model.
 *
 * @param name          the normalized project name
 * @param url           the page's final URL (after redirects; relative file URLs were resolved against it)
 * @param format        the representation the index served
 * @param apiVersion    the Simple API version the page declares ({@code 1.0} if none)
 * @param files         the files, in page order (the spec gives no meaning to the order)
 * @param versions      the {@code versions} list (JSON, API 1.1+), empty for HTML
 * @param status        the PEP 792 project status ({@code active}, {@code archived}, {@code quarantined},
 *                      {@code deprecated}), if given
 * @param warnings      things the user should see: a newer API minor version, entries skipped as malformed
 * @param fromCache     true if the body came from the on-disk cache (fresh via 304, or offline)
 */
public record ProjectPage(
        String name,
        String url,
        Format format,
        ApiVersion apiVersion,
        List<IndexFile> files,
        List<String> versions,
        Optional<String> status,
        List<String> warnings,
        boolean fromCache) {

    /** How the page was served. */
    public enum Format { JSON, HTML }

    public ProjectPage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(apiVersion, "apiVersion");
        files = List.copyOf(files);
        versions = List.copyOf(versions);
        Objects.requireNonNull(status, "status");
        warnings = List.copyOf(warnings);
    }

    /**
     * The file whose sha256 is {@code sha256} (any case). Two entries with the same sha256 but different filenames
     * are an index anomaly (PyPI forbids re-uploading the same content) and fail closed, because the caller could
     * not know which filename the attestation must name.
     *
     * @throws NetworkException if several entries with different filenames share the digest
     */
    public Optional<IndexFile> fileWithSha256(String sha256) {
        String wanted = Ascii.toLowerCase(sha256);
        List<IndexFile> matches = new ArrayList<>(1);
        for (IndexFile f : files) {
            if (f.sha256().filter(wanted::equals).isPresent()
                    && matches.stream().noneMatch(m -> m.filename().equals(f.filename()))) {
                matches.add(f);
            }
        }
        if (matches.size() > 1) {
            throw new NetworkException("the index lists sha256 " + wanted + " for several files of project '"
                    + name + "': " + matches.get(0).filename() + ", " + matches.get(1).filename(),
                    "a file's content must have one name; report this to the index operator");
        }
        return matches.stream().findFirst();
    }

    /** This page marked as served from the cache. */
    ProjectPage asFromCache() {
        return new ProjectPage(name, url, format, apiVersion, files, versions, status, warnings, true);
    }
}
