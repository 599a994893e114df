package dev.pylocktrust.trust;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import javax.net.ssl.SSLException;

/**
 * Short, specific reasons for a refresh that failed on the network (a failed TUF check already has its own one-line
 * message, {@link TufCheckException}), for the one-line warning a user sees; {@code TufFailuresTest} pins the mapping.
 */
final class TufFailures {
    private TufFailures() {}

    /**
     * @param where the file being processed when it failed (e.g. {@code 3.targets.json}), or empty
     * @param bound the time allowed, e.g. {@code 3 s}
     */
    static String describe(Throwable e, String where, String bound) {
        String prefix = where.isEmpty() ? "" : where + ": ";
        if (has(e, InterruptedIOException.class)) {
            return "no answer within " + bound + (where.isEmpty() ? "" : " (at " + where + ")");
        }
        UnknownHostException unknownHost = find(e, UnknownHostException.class);
        if (unknownHost != null) {
            return "cannot resolve host " + oneLine(unknownHost.getMessage());
        }
        if (has(e, ConnectException.class) || has(e, NoRouteToHostException.class)) {
            return "cannot connect (" + oneLine(root(e).getMessage()) + ")";
        }
        if (has(e, SSLException.class)) {
            return "TLS failed (" + oneLine(find(e, SSLException.class).getMessage()) + ")";
        }
        return prefix + (e.getMessage() == null ? "the request failed" : oneLine(e.getMessage()));
    }

    /** A file system error for a message: the file and what went wrong, without Java's exception names. */
    static String describeFileError(Throwable e) {
        if (e instanceof FileSystemException f && f.getFile() != null) {
            String what = f.getReason() != null ? f.getReason()
                    : f instanceof AccessDeniedException ? "permission denied"
                    : f instanceof NoSuchFileException ? "no such file or directory"
                    : f instanceof FileAlreadyExistsException ? "already exists" : "cannot be written";
            return f.getFile() + ": " + what;
        }
        return e.getMessage() == null ? "cannot be written" : oneLine(e.getMessage());
    }

    private static boolean has(Throwable e, Class<? extends Throwable> type) {
        return find(e, type) != null;
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static Throwable root(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
