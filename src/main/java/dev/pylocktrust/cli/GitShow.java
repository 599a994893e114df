package dev.pylocktrust.cli;

import dev.pylocktrust.IoErrors;
import dev.pylocktrust.UsageException;
import dev.pylocktrust.Printable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Reads a file as it is in a git revision: runs {@code git show REV:PATH} in a working directory, with a timeout and
 * a size limit, and turns each way it can fail (git missing, not a repository, unknown revision, missing path, a
 * directory) into a {@link UsageException} that says what to do.
 *
 * <p>The revision comes from the command line; one that starts with {@code -} is refused so it can never be read
 * as an option of git. Textconv filters are off, so the bytes are the committed bytes.
 */
final class GitShow {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_STDERR = 16 * 1024;

    private final Path directory;
    private final Duration timeout;
    private final long maxBytes;

    /**
     * @param directory where to run git (any directory inside the repository)
     * @param maxBytes larger output is refused (the lockfile size limit)
     */
    GitShow(Path directory, Duration timeout, long maxBytes) {
        this.directory = directory;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
    }

    /**
     * The committed bytes of {@code path} at {@code revision}. {@code path} is relative to the repository root, or to
     * the current directory when it starts with {@code ./} (git's own rule).
     *
     * @param spec the argument as the user wrote it, for messages
     */
    byte[] show(String revision, String path, String spec) {
        if (revision.isEmpty() || path.isEmpty()) {
            throw new UsageException(spec + ": expected git:REV:PATH with a revision and a path",
                    "for example git:origin/main:pylock.toml");
        }
        if (revision.startsWith("-")) {
            throw new UsageException(spec + ": a git revision cannot start with '-'");
        }
        String object = revision + ":" + path;
        ProcessBuilder pb = new ProcessBuilder(List.of("git", "--no-pager", "show", "--no-textconv", object))
                .directory(directory.toFile());
        pb.environment().put("LC_ALL", "C"); // English messages, which are matched below
        pb.environment().put("GIT_TERMINAL_PROMPT", "0");
        pb.environment().put("GIT_OPTIONAL_LOCKS", "0");
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UsageException(spec + ": cannot run git: " + IoErrors.reason(e), e,
                    "install git, or give the lockfile as a file path");
        }
        try {
            process.getOutputStream().close(); // git reads nothing from us
        } catch (IOException e) {
            // nothing to do: the process ignores stdin
        }
        Reader out = new Reader(process.getInputStream(), maxBytes);
        Reader err = new Reader(process.getErrorStream(), MAX_STDERR);
        out.start();
        err.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new UsageException(spec + ": git show did not finish within " + timeout.toSeconds()
                        + " seconds", "check that the repository is usable (git status), then try again");
            }
            out.join(timeout.toMillis());
            err.join(timeout.toMillis());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new UsageException(spec + ": interrupted while running git");
        }
        if (out.failure != null) {
            throw new UsageException(spec + ": cannot read the output of git: " + out.failure.getMessage(),
                    out.failure);
        }
        byte[] bytes = out.bytes();
        String stderr = new String(err.bytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw failure(spec, revision, path, process.exitValue(), stderr);
        }
        if (out.truncated()) {
            throw new UsageException(spec + ": the file is larger than the limit of " + maxBytes + " bytes",
                    "a real lock file is far smaller; check that this is the right file");
        }
        String treeHeader = "tree " + object + "\n";
        if (new String(bytes, 0, Math.min(bytes.length, treeHeader.length() * 4), StandardCharsets.UTF_8)
                .startsWith(treeHeader)) {
            throw new UsageException(spec + ": " + path + " is a directory in " + revision + ", not a file",
                    "name the lockfile itself, e.g. git:" + revision + ":" + path.replaceAll("/+$", "")
                            + "/pylock.toml");
        }
        return bytes;
    }

    private UsageException failure(String spec, String revision, String path, int exit, String stderr) {
        String lower = stderr.toLowerCase(Locale.ROOT);
        if (lower.contains("not a git repository")) {
            return new UsageException(spec + ": " + directory.toAbsolutePath().normalize()
                    + " is not inside a git repository",
                    "run pylock-trust from a checkout of your repository, or give BASE as a file path");
        }
        if (lower.contains("does not exist in") || lower.contains("exists on disk, but not in")
                || lower.contains("exists, but not")) {
            return new UsageException(spec + ": " + path + " does not exist in revision " + revision,
                    "paths are relative to the repository root (start with ./ for the current directory); if the "
                            + "lockfile is new in this change there is nothing to compare it with");
        }
        if (lower.contains("invalid object name") || lower.contains("unknown revision")
                || lower.contains("bad revision") || lower.contains("ambiguous argument")
                || lower.contains("invalid reference")) {
            return new UsageException(spec + ": unknown git revision '" + Printable.of(revision) + "'",
                    "in CI, fetch it first: actions/checkout with fetch-depth: 0, or git fetch origin " + revision
                            .replaceFirst("^origin/", ""));
        }
        String first = stderr.lines().filter(l -> !l.isBlank()).findFirst().orElse("(no message)");
        return new UsageException(spec + ": git show " + Printable.of(revision + ":" + path) + " failed (exit "
                + exit + "): " + Printable.of(first));
    }

    /** Drains one stream of the process, keeping at most {@code limit} bytes (the rest is read and dropped). */
    private static final class Reader extends Thread {
        private final InputStream in;
        private final long limit;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private volatile boolean truncated;
        private volatile IOException failure;

        Reader(InputStream in, long limit) {
            this.in = in;
            this.limit = limit;
            setDaemon(true);
        }

        @Override
        public void run() {
            byte[] chunk = new byte[64 * 1024];
            try (in) {
                int n;
                while ((n = in.read(chunk)) >= 0) {
                    long room = limit - buffer.size();
                    if (room > 0) {
                        buffer.write(chunk, 0, (int) Math.min(n, room));
                    }
                    if (n > room) {
                        truncated = true;
                    }
                }
            } catch (IOException e) {
                failure = e;
            }
        }

        /** What was read; call after {@link #join}. */
        byte[] bytes() {
            return buffer.toByteArray();
        }

        boolean truncated() {
            return truncated;
        }
    }
}
