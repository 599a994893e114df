package dev.pylocktrust.resolve;

import dev.pylocktrust.python.PackageName;
import java.util.Objects;

/**
 * A node of the resolution problem: the root (the user's requirements), a project, or a project with one extra.
 *
 * <p>An extra is modelled as its own package ({@code requests[socks]}) whose version {@code v} depends on exactly
 * {@code requests v} plus the requirements that extra adds. That keeps one version per project while letting
 * extras bring their own dependencies, including self-references ({@code pkg[dev]} requiring {@code pkg[test]}).
 */
record PackageKey(Kind kind, PackageName name, String extra) implements Comparable<PackageKey> {

    enum Kind { ROOT, PROJECT, EXTRA }

    static final PackageKey ROOT = new PackageKey(Kind.ROOT, null, null);

    PackageKey {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.ROOT) != (name == null) || (kind == Kind.EXTRA) != (extra != null)) {
            throw new IllegalArgumentException("inconsistent package key " + kind + " " + name + " " + extra);
        }
    }

    static PackageKey project(PackageName name) {
        return new PackageKey(Kind.PROJECT, name, null);
    }

    static PackageKey extra(PackageName name, String extra) {
        return new PackageKey(Kind.EXTRA, name, PackageName.normalize(extra));
    }

    boolean isRoot() {
        return kind == Kind.ROOT;
    }

    /** The project without its extra. */
    PackageKey base() {
        return kind == Kind.EXTRA ? project(name) : this;
    }

    /** pip's identifier: {@code name} or {@code name[extra]}; used to break ties between equally good choices. */
    String identifier() {
        switch (kind) {
            case ROOT:
                return "<root>";
            case EXTRA:
                return name + "[" + extra + "]";
            default:
                return name.value();
        }
    }

    @Override
    public int compareTo(PackageKey o) {
        return identifier().compareTo(o.identifier());
    }

    @Override
    public String toString() {
        return identifier();
    }
}
