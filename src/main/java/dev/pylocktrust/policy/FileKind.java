package dev.pylocktrust.policy;

import java.util.Locale;

/** The two kinds of distribution file; publishers often build them in different workflows. */
public enum FileKind {
    SDIST("sdist"), WHEEL("wheel");

    private final String label;

    FileKind(String label) {
        this.label = label;
    }

    /** The kind of a distribution file, by its name: wheels end in {@code .whl}, everything else is an sdist. */
    public static FileKind of(String filename) {
        return filename.toLowerCase(Locale.ROOT).endsWith(".whl") ? WHEEL : SDIST;
    }

    public String label() {
        return label;
    }
}
