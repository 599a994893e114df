package dev.pylocktrust.trust;

import dev.sigstore.tuf.DuplicateKeyIdsException;
import dev.sigstore.tuf.FileExceedsMaxLengthException;
import dev.sigstore.tuf.FileNotFoundException;
import dev.sigstore.tuf.InvalidHashesException;
import dev.sigstore.tuf.RoleExpiredException;
import dev.sigstore.tuf.RollbackVersionException;
import dev.sigstore.tuf.SignatureVerificationException;
import dev.sigstore.tuf.SnapshotVersionMismatchException;
import dev.sigstore.tuf.TargetMetadataMissingException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;

/**
 * Short, specific reasons for sigstore-java TUF failures, for the one-line warning a user sees. sigstore-java's own
 * messages span several lines and do not say which file failed; {@code TufFailuresTest} pins the mapping.
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
        if (e instanceof SignatureVerificationException s) {
            return prefix + "not signed by enough trusted keys (threshold " + s.getRequiredSignatures()
                    + ", valid signatures " + s.getVerifiedSignatures() + ")";
        }
        if (e instanceof DuplicateKeyIdsException) {
            return prefix + "signed more than once by the same key (malformed metadata)";
        }
        if (e instanceof InvalidHashesException) {
            return prefix + "does not match the hashes in the signed TUF metadata (tampered or corrupted)";
        }
        if (e instanceof RoleExpiredException r) {
            return prefix + "the signed metadata expired at " + r.getRoleExpirationTime().toInstant()
                    + " and the repository serves nothing newer (a stale mirror, or a freeze attack)";
        }
        if (e instanceof RollbackVersionException r) {
            return prefix + "version " + r.getFoundVersion() + " is older than the trusted version "
                    + r.getCurrentVersion() + " (a rollback attack, or a broken mirror)";
        }
        if (e instanceof SnapshotVersionMismatchException) {
            return prefix + "the version does not match the signed snapshot (" + oneLine(e.getMessage()) + ")";
        }
        if (e instanceof FileExceedsMaxLengthException) {
            return prefix + "larger than the signed metadata allows";
        }
        if (e instanceof FileNotFoundException) {
            return prefix + "not found on the mirror";
        }
        if (e instanceof TargetMetadataMissingException) {
            return "the signed targets metadata lists no " + TufStoreFiles.TRUSTED_ROOT;
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
        if (has(e, IllegalStateException.class) || e.getClass().getName().contains("JsonParse")) {
            return prefix + "malformed TUF metadata (" + oneLine(root(e).getMessage()) + ")";
        }
        return prefix + oneLine(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
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
