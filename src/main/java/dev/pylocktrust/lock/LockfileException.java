package dev.pylocktrust.lock;

import dev.pylocktrust.UsageException;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A lock file that cannot be read or is not a valid PEP 751 file. The message has the form
 * {@code FILE:LINE: KEY.PATH: what is wrong}, so editors and CI annotations can jump to it. Exit code 2.
 */
public final class LockfileException extends UsageException {
    private final String file;
    private final int line;
    private final String keyPath;

    /**
     * @param file the file as the user named it
     * @param line 1-based line, or 0 when unknown
     * @param keyPath TOML key path such as {@code packages[3].wheels[0].hashes}, or empty for the whole file
     */
    public LockfileException(String file, int line, String keyPath, String problem, String... hints) {
        super(format(file, line, keyPath, problem), hints);
        this.file = file;
        this.line = line;
        this.keyPath = keyPath;
    }

    public LockfileException(String file, int line, String keyPath, String problem, Throwable cause, String... hints) {
        super(format(file, line, keyPath, problem), cause, hints);
        this.file = file;
        this.line = line;
        this.keyPath = keyPath;
    }

    private static String format(String file, int line, String keyPath, String problem) {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line);
        }
        sb.append(": ");
        if (keyPath != null && !keyPath.isEmpty()) {
            sb.append(keyPath).append(": ");
        }
        return sb.append(problem).toString();
    }

    public String file() {
        return file;
    }

    public OptionalInt line() {
        return line > 0 ? OptionalInt.of(line) : OptionalInt.empty();
    }

    public Optional<String> keyPath() {
        return keyPath == null || keyPath.isEmpty() ? Optional.empty() : Optional.of(keyPath);
    }
}
