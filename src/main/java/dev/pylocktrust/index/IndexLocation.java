package dev.pylocktrust.index;

import dev.pylocktrust.UsageException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/** Where packages come from: a Simple API over http(s), or a static mirror directory on disk. */
public sealed interface IndexLocation permits IndexLocation.Remote, IndexLocation.Directory {

    /** The URL of PyPI's Simple API, the default index. */
    String PYPI_URL = "https://pypi.org/simple";

    /** PyPI's Simple API. */
    IndexLocation PYPI = new Remote(URI.create(PYPI_URL));

    /** A Simple API base URL (for example {@code https://pypi.org/simple}); may carry {@code user:password@}. */
    record Remote(URI url) implements IndexLocation {
        public Remote {
            Objects.requireNonNull(url, "url");
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http")) {
                throw new IllegalArgumentException("index URL must be http(s): " + url);
            }
            if (url.getHost() == null) {
                throw new IllegalArgumentException("index URL has no host");
            }
        }

        /** Never prints the password a URL may carry. */
        @Override
        public String toString() {
            return "Remote[" + Urls.redact(url.toString()) + "]";
        }
    }

    /** A mirror directory laid out as documented in docs/indexes.md ({@code <dir>/<project>/index.json}). */
    record Directory(Path root) implements IndexLocation {
        public Directory {
            Objects.requireNonNull(root, "root");
        }
    }

    /**
     * Reads {@code --index-url}: an {@code http(s)://} URL, a {@code file:} URL, or a directory path.
     *
     * @throws UsageException if it is none of these (the message never echoes a password)
     */
    static IndexLocation parse(String text) {
        String t = text.strip();
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.startsWith("https://") || lower.startsWith("http://")) {
            try {
                URI uri = new URI(t);
                if (uri.getHost() == null) {
                    throw new UsageException("--index-url " + Urls.redact(t) + " has no host name");
                }
                if (uri.getRawFragment() != null) {
                    throw new UsageException("--index-url " + Urls.redact(t) + " must not have a #fragment");
                }
                return new Remote(uri);
            } catch (URISyntaxException e) {
                throw new UsageException("--index-url is not a valid URL: " + Urls.redact(t));
            }
        }
        Path path;
        try {
            path = lower.startsWith("file:") ? Path.of(new URI(t)) : Path.of(t);
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new UsageException("--index-url '" + Texts.clip(t) + "' is neither an http(s) URL nor a directory",
                    "give the Simple API URL (e.g. " + PYPI_URL + ") or a mirror directory");
        }
        if (!Files.isDirectory(path)) {
            throw new UsageException("--index-url '" + Texts.clip(t) + "' is neither an http(s) URL nor an existing "
                    + "directory", "give the Simple API URL (e.g. " + PYPI_URL + ") or a mirror directory");
        }
        return new Directory(path);
    }
}
