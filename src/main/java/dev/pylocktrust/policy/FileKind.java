package dev.pylocktrust.policy;

import dev.pylocktrust.Ascii;


/** The two kinds of distribution file; publishers often build them in different workflows. */
public enum FileKind {
    SDIST("sdist"), WHEEL("wheel");

    private final String label;

    FileKind(String label) {
        this.label = label;
    }

    /** The kind of a distribution file, by its name: wheels end in {@code .whl}, everything else is an sdist. */
    public static FileKind of(String filename) {
        return Ascii.toLowerCase(filename).endsWith(".whl") ? WHEEL : SDIST;
    }

    public String label() {
        return label;
    }
}
