package dev.pylocktrust.index;

import dev.pylocktrust.Ascii;
import dev.pylocktrust.IoErrors;
import dev.pylocktrust.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * A static mirror directory, read with no server at all. Layout (documented in docs/indexes.md):
 * <pre>
 * &lt;dir&gt;/&lt;normalized-project&gt;/index.json           PEP 691 JSON project page; URLs relative to it
 * &lt;dir&gt;/&lt;normalized-project&gt;/&lt;filename&gt;             the distribution (optional: url may be absolute https)
 * &lt;dir&gt;/&lt;normalized-project&gt;/&lt;filename&gt;.metadata    PEP 658 core metadata (when core-metadata is given)
 * &lt;dir&gt;/&lt;normalized-project&gt;/&lt;filename&gt;.provenance  PEP 740 provenance ("provenance": "&lt;filename&gt;.provenance")
 * </pre>
 * Every read is confined to the directory after resolving symbolic links: an {@code index.json} cannot make the
 * client read {@code /etc/passwd}. Problems are {@link UsageException}s (the mirror is local input), except a
 * missing project, which is a {@link ProjectNotFoundException} as on a remote index.
 */
final class DirectoryIndex {
    static final String PAGE = "index.json";

    private final Path root;

    DirectoryIndex(Path root) {
        try {
            this.root = root.toRealPath();
        } catch (IOException e) {
            throw new UsageException("cannot open the mirror directory " + root + ": " + IoErrors.reason(e));
        }
    }

    Path root() {
        return root;
    }

    ProjectPage page(String project, long cap) {
        Path file = root.resolve(project).resolve(PAGE);
        Optional<byte[]> body = read(file.toUri(), cap, "project page");
        if (body.isEmpty()) {
            throw new ProjectNotFoundException(project, "no " + project + "/" + PAGE + " in " + root);
        }
        try {
            return JsonPageParser.parse(body.get(), project, new Base(file.toUri()), ProjectPageParser.MAX_FILES);
        } catch (IndexFormatException e) {
            throw new UsageException("malformed mirror page " + file + ": " + e.getMessage(),
                    "regenerate the mirror directory; its layout is described in docs/indexes.md (Mirror directories)");
        }
    }

    /**
     * The bytes at a {@code file:} URL inside the mirror, or empty if there is no such file.
     *
     * @throws UsageException if the URL leaves the directory or the file is larger than {@code cap}
     */
    Optional<byte[]> read(URI uri, long cap, String what) {
        Optional<Path> path = confined(uri);
        if (path.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(path.get())) {
            byte[] bytes = HttpTransport.readAtMost(in, cap);
            if (bytes == null) {
                throw new UsageException("the " + what + " " + path.get() + " is larger than the "
                        + Texts.bytes(cap) + " limit");
            }
            return Optional.of(bytes);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UsageException("cannot read " + path.get() + ": " + IoErrors.reason(e));
        }
    }

    /** The real path of a {@code file:} URL inside the mirror; empty if it does not exist. */
    private Optional<Path> confined(URI uri) {
        if (uri.getScheme() == null || !Ascii.equalsIgnoreCase(uri.getScheme(), "file")) {
            throw new UsageException("not a file: URL: " + Texts.clip(uri.toString()));
        }
        Path path = Path.of(uri).normalize();
        if (!path.startsWith(root)) {
            throw outside(uri);
        }
        try {
            Path real = path.toRealPath();
            if (!real.startsWith(root)) {
                throw outside(uri);
            }
            return Optional.of(real);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UsageException("cannot read " + path + ": " + IoErrors.reason(e));
        }
    }

    private UsageException outside(URI uri) {
        return new UsageException("refusing to read " + Texts.clip(uri.toString()) + ": it is outside the mirror "
                + "directory " + root);
    }

    /** Resolves references against the page's {@code file:} URL; file, https and http URLs are accepted. */
    private static final class Base implements PageBase {
        private final URI page;

        Base(URI page) {
            this.page = page;
        }

        @Override
        public String url() {
            return page.toString();
        }

        @Override
        public Optional<String> resolve(String ref) {
            try {
                URI resolved = page.resolve(ref);
                String scheme = resolved.getScheme() == null ? "" : resolved.getScheme().toLowerCase(Locale.ROOT);
                if (scheme.equals("file")) {
                    // One spelling (file:///...) for every local URL, whatever the reference looked like.
                    return Optional.of(Path.of(resolved).toUri().toString());
                }
                return scheme.equals("https") || scheme.equals("http")
                        ? Optional.of(resolved.toString()) : Optional.empty();
            } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
                return Optional.empty();
            }
        }

        @Override
        public boolean relativeProvenanceAllowed() {
            return true;
        }
    }
}
