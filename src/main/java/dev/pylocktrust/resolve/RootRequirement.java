package dev.pylocktrust.resolve;

import dev.pylocktrust.python.Requirement;
import java.util.Objects;

/** A top-level requirement and where it came from. */
public record RootRequirement(Requirement requirement, Origin origin) {

    public RootRequirement {
        Objects.requireNonNull(requirement, "requirement");
        Objects.requireNonNull(origin, "origin");
    }

    /** A main requirement. */
    public static RootRequirement main(Requirement requirement) {
        return new RootRequirement(requirement, Origin.MAIN);
    }

    /** Parses a main requirement ({@code requests>=2.31}). */
    public static RootRequirement parse(String requirement) {
        return main(Requirement.parse(requirement));
    }

    @Override
    public String toString() {
        return requirement + (origin instanceof Origin.Main ? "" : " (" + origin + ")");
    }
}
