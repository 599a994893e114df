package dev.pylocktrust.index;

/**
 * Internal: data from the index (a project page, metadata, provenance) is malformed. Converted at the edge of this
 * package into a user-facing error that names the URL or file: {@code NetworkException} for a remote index (the
 * index misbehaved; nothing was decided), {@code UsageException} for a mirror directory on disk.
 */
final class IndexFormatException extends RuntimeException {
    IndexFormatException(String message) {
        super(message, null, false, false);
    }

    IndexFormatException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
