package dev.pylocktrust;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Words an I/O failure for the user: what went wrong, in a few words, without Java class names ({@code
 * AccessDeniedException: /x/.pylock.toml.e4c9.tmp} becomes {@code permission denied}). Callers say which file and
 * what they were doing; this says why it failed. The one place that turns an {@link IOException} into text.
 */
public final class IoErrors {
    private static final String FALLBACK = "input/output error";

    /** Failures whose kind says it all, most specific first (FileSystemException subclasses before it). */
    private static final List<Map.Entry<Class<? extends IOException>, String>> KNOWN = List.of(
            Map.entry(NoSuchFileException.class, "no such file or directory"),
            Map.entry(AccessDeniedException.class, "permission denied"),
            Map.entry(FileAlreadyExistsException.class, "it already exists"),
            Map.entry(NotDirectoryException.class, "not a directory"),
            Map.entry(DirectoryNotEmptyException.class, "the directory is not empty"),
            Map.entry(FileSystemLoopException.class, "too many levels of symbolic links"),
            Map.entry(AtomicMoveNotSupportedException.class, "this file system cannot replace files atomically"),
            Map.entry(CharacterCodingException.class, "not valid UTF-8 text"),
            Map.entry(ConnectException.class, "connection refused"),
            Map.entry(InterruptedIOException.class, "timed out or interrupted"));

    private IoErrors() {}

    /** Why {@code e} failed, e.g. {@code no such file or directory}, {@code permission denied}. */
    public static String reason(IOException e) {
        for (Map.Entry<Class<? extends IOException>, String> known : KNOWN) {
            if (known.getKey().isInstance(e)) {
                return known.getValue();
            }
        }
        if (e instanceof FileSystemException fse) {
            // The operating system's own words, e.g. "Not a directory", "Read-only file system", "No space left".
            return Optional.ofNullable(fse.getReason()).map(IoErrors::lowerFirst).map(IoErrors::plain)
                    .filter(s -> !s.isBlank()).orElse(FALLBACK);
        }
        if (e instanceof UnknownHostException) {
            return "cannot resolve host " + plain(Optional.ofNullable(e.getMessage()).orElse("")).strip();
        }
        String message = e.getMessage();
        if (message == null || message.isBlank() || looksLikeJava(message)) {
            return FALLBACK;
        }
        return lowerFirst(plain(message));
    }

    /** As {@link #reason(IOException)} for an {@link UncheckedIOException}. */
    public static String reason(UncheckedIOException e) {
        return reason(e.getCause());
    }

    /** The file an I/O failure names, when the exception says (e.g. the temporary file that could not be made). */
    public static Optional<String> file(IOException e) {
        return e instanceof FileSystemException fse ? Optional.ofNullable(fse.getFile()).map(IoErrors::plain)
                : Optional.empty();
    }

    private static boolean looksLikeJava(String message) {
        return message.contains("Exception") || message.contains("java.") || message.contains("\tat ");
    }

    /** {@code No space left} becomes {@code no space left}; {@code HTTP 500} stays. */
    private static String lowerFirst(String s) {
        return s.length() < 2 || !Character.isLowerCase(s.charAt(1)) ? s
                : s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
    }

    /** One line of printable text: control characters become {@code ?}. */
    private static String plain(String s) {
        return s.replaceAll("\\p{Cntrl}", "?");
    }
}
