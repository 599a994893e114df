package dev.pylocktrust.resolve;

/** A distribution archive (wheel, sdist) is not readable as one; the message names what is wrong. */
final class ArchiveFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ArchiveFormatException(String message) {
        super(message);
    }
}
