package dev.pylocktrust.lock;

/**
 * Something in a lock file that is allowed but deserves attention (a newer minor lock-version, an unknown key kept
 * as is). {@link #toString()} gives {@code FILE:LINE: KEY.PATH: message}.
 *
 * @param line 1-based, or 0 when unknown
 * @param keyPath may be empty for the whole file
 */
public record LockfileWarning(String file, int line, String keyPath, String message) {
    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + (keyPath.isEmpty() ? "" : keyPath + ": ") + message;
    }
}
