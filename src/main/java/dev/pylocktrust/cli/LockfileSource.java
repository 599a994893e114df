package dev.pylocktrust.cli;

import dev.pylocktrust.lock.LockfileLimits;
import dev.pylocktrust.lock.LockfileReader;
import dev.pylocktrust.lock.ParsedLockfile;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A lockfile named on the command line: a path, or {@code git:REV:PATH} for the file as committed in a git revision
 * (e.g. {@code git:origin/main:pylock.toml}). The revision ends at the first {@code :} after {@code git:}, as in
 * git's own {@code REV:PATH}. A file whose name really starts with {@code git:} is written {@code ./git:...}.
 *
 * @param spec the argument as given: the name used in every message
 * @param revision the git revision, for a {@code git:} source
 * @param path the path (on disk, or in the revision)
 */
record LockfileSource(String spec, Optional<String> revision, String path) {
    static final String GIT_PREFIX = "git:";

    LockfileSource {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(path, "path");
    }

    static LockfileSource parse(String arg) {
        if (!arg.startsWith(GIT_PREFIX)) {
            return new LockfileSource(arg, Optional.empty(), arg);
        }
        String rest = arg.substring(GIT_PREFIX.length());
        int colon = rest.indexOf(':');
        if (colon < 0) {
            return new LockfileSource(arg, Optional.of(rest), "");
        }
        return new LockfileSource(arg, Optional.of(rest.substring(0, colon)), rest.substring(colon + 1));
    }

    /** The path to put in annotations: GitHub resolves it against the workspace, so the path within the repository. */
    String annotationPath() {
        return path;
    }

    /**
     * Reads and parses the lockfile; every failure is a usage error (exit 2) naming {@link #spec}.
     *
     * @param gitDirectory where to run git for a {@code git:} source
     */
    ParsedLockfile read(Path gitDirectory) {
        LockfileReader reader = new LockfileReader();
        if (revision.isEmpty()) {
            return reader.read(Path.of(path));
        }
        byte[] bytes = new GitShow(gitDirectory, GitShow.DEFAULT_TIMEOUT, LockfileLimits.DEFAULT.maxFileBytes())
                .show(revision.get(), path, spec);
        return reader.parse(bytes, spec);
    }
}
