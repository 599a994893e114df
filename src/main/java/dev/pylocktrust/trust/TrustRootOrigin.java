package dev.pylocktrust.trust;

import java.util.Locale;

/** Where the trusted root in use came from. */
public enum TrustRootOrigin {
    /** {@code --trusted-root FILE}. */
    FILE("file", "the file given with --trusted-root"),
    /** A TUF refresh during this run. */
    TUF("tuf", "TUF, refreshed now"),
    /** The TUF cache (fresh, or the newest root available when a refresh was impossible). */
    TUF_CACHE("tuf-cache", "TUF, from the cache"),
    /** The snapshot embedded in the jar. */
    EMBEDDED("embedded", "the snapshot embedded in pylock-trust");

    private final String jsonName;
    private final String description;

    TrustRootOrigin(String jsonName, String description) {
        this.jsonName = jsonName;
        this.description = description;
    }

    /** Stable machine name, e.g. {@code tuf-cache}. */
    public String jsonName() {
        return jsonName;
    }

    /** A few words for humans. */
    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
