package dev.pylocktrust.trust;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * Where {@link TufVerification} reads TUF metadata and the trusted root target from: the repository's mirror
 * ({@link TufMirror}) or a generation of the cache ({@link TufGeneration}). Implementations return bytes as they
 * are, unverified; they only bound how many bytes they read.
 */
interface TufSource {
    /** A file as read, with the name messages use for it. */
    record TufFile(String name, byte[] bytes) {
        public TufFile {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(bytes, "bytes");
        }
    }

    /**
     * The root metadata of {@code version}, or empty when there is none (the end of the chain of roots).
     *
     * @throws IOException       when the source cannot be read (the network)
     * @throws TufCheckException when the file is there but cannot be used (too large, a symbolic link)
     */
    Optional<TufFile> root(int version) throws IOException, TufCheckException;

    TufFile timestamp() throws IOException, TufCheckException;

    /** @param consistent whether the root says the repository uses consistent snapshots (versioned names) */
    TufFile snapshot(TufFileInfo info, boolean consistent) throws IOException, TufCheckException;

    TufFile targets(TufFileInfo info, boolean consistent) throws IOException, TufCheckException;

    /** The {@code trusted_root.json} target that {@code info} describes. */
    TufFile trustedRoot(TufFileInfo info, boolean consistent) throws IOException, TufCheckException;
}
