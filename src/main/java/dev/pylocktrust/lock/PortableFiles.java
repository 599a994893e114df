package dev.pylocktrust.lock;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Where a lock made from a mirror directory says its files are, so that it works from another checkout or machine. The
 * index reads a mirror's files as absolute {@code file:} URLs ({@code file:///home/alice/repo/examples/index/...}),
 * which mean nothing anywhere else. Written instead, per file of the mirror:
 *
 * <ul>
 *   <li>by default, a {@code path} relative to the lock file's directory (PEP 751: "relative paths are resolved
 *       against the lock file's directory"), e.g. {@code ../index/abi3info/abi3info-2024.10.3-py3-none-any.whl};</li>
 *   <li>with {@link #servedAt} (the URL where the same directory is published, {@code --mirror-of}), a {@code url}
 *       below that URL, and the URL as each package's {@code index}: the lock reads as if made from it.</li>
 * </ul>
 *
 * <p>Files the mirror's pages list with other URLs (e.g. on {@code files.pythonhosted.org}) keep them. Pure: paths and
 * URLs in, a lock out.
 *
 * @param mirror    the mirror directory (absolute)
 * @param lockDir   the directory of the lock file being written (absolute)
 * @param servedAt  where the mirror is published, if given
 */
public record PortableFiles(Path mirror, Path lockDir, Optional<URI> servedAt) {
    public PortableFiles {
        mirror = mirror.toAbsolutePath().normalize();
        lockDir = lockDir.toAbsolutePath().normalize();
        Objects.requireNonNull(servedAt, "servedAt");
    }

    /** {@code lock} with every {@code file:} URL into the mirror rewritten as described above. */
    public Lockfile apply(Lockfile lock) {
        List<LockedPackage> packages = new ArrayList<>();
        for (LockedPackage p : lock.packages()) {
            // Every package the mirror listed came from the index it stands for, whatever URL its files have.
            Optional<String> index = p.index().isEmpty() && !p.isDirect()
                    ? servedAt.map(PortableFiles::indexUrl) : p.index();
            LockedPackage moved = new LockedPackage(p.name(), p.version(), p.marker(), p.requiresPython(), index,
                    p.dependencies(),
                    p.sdist().map(this::file), p.wheels().stream().map(this::file).toList(), p.vcs(), p.directory(),
                    p.archive(), p.attestationIdentities(), p.tool(), p.attestationRecords(), p.extra());
            packages.add(moved);
        }
        return lock.withPackages(packages);
    }

    private LockedFile file(LockedFile f) {
        Optional<Path> local = local(f);
        if (local.isEmpty()) {
            return f;
        }
        Path p = local.get();
        if (servedAt.isPresent() && p.startsWith(mirror)) {
            return new LockedFile(f.name(), Optional.of(below(servedAt.get(), mirror.relativize(p))), Optional.empty(),
                    f.size(), f.uploadTime(), f.hashes(), f.extra());
        }
        if (p.getRoot() == null || !p.getRoot().equals(lockDir.getRoot())) {
            return f; // another drive: no relative path exists
        }
        return new LockedFile(f.name(), Optional.empty(), Optional.of(slashes(lockDir.relativize(p))), f.size(),
                f.uploadTime(), f.hashes(), f.extra());
    }

    /** The file a {@code file:} URL names, normalized; empty for any other URL. */
    private static Optional<Path> local(LockedFile f) {
        return f.url().filter(u -> u.toLowerCase(Locale.ROOT).startsWith("file:")).flatMap(u -> {
            try {
                return Optional.of(Path.of(URI.create(u)).toAbsolutePath().normalize());
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }

    /** {@code base} + the path's segments, each percent-encoded; {@code base} ends with or without a slash. */
    private static String below(URI base, Path relative) {
        String b = base.toString();
        String segments = StreamSupport.stream(relative.spliterator(), false).map(s -> encode(s.toString()))
                .collect(Collectors.joining("/"));
        return (b.endsWith("/") ? b : b + "/") + segments;
    }

    private static String encode(String segment) {
        StringBuilder sb = new StringBuilder();
        for (byte c : segment.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int ch = c & 0xff;
            if (ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || "-._~+!$&'()*,;=@"
                    .indexOf(ch) >= 0) {
                sb.append((char) ch);
            } else {
                sb.append('%').append(String.format(Locale.ROOT, "%02X", ch));
            }
        }
        return sb.toString();
    }

    /** The index as PEP 751 records it: the Simple API base URL, without a trailing slash. */
    private static String indexUrl(URI u) {
        String s = u.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static String slashes(Path relative) {
        return StreamSupport.stream(relative.spliterator(), false).map(Path::toString)
                .collect(Collectors.joining("/"));
    }
}
