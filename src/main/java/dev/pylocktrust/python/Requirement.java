package dev.pylocktrust.python;

import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A PEP 508 dependency specifier without URL: {@code name[extra,...] specifiers ; marker}, e.g.
 * {@code requests[socks] >=2.31, <3 ; python_version >= "3.9"}. The specifiers may be parenthesized
 * ({@code name (>=1.0)}).
 *
 * <p>Direct URL references ({@code name @ https://...}) are rejected: pylock-trust locks index-hosted
 * distributions, whose provenance it can check. Extra names are PEP 685-normalized and sorted.
 *
 * @see <a href="https://packaging.python.org/en/latest/specifications/dependency-specifiers/">Dependency
 *     specifiers</a>
 */
public final class Requirement {
    private static final String WHAT = "requirement";
    static final int MAX_LENGTH = Marker.MAX_LENGTH + 4096;

    private final PackageName name;
    private final Set<String> extras;
    private final SpecifierSet specifier;
    private final Marker marker;

    private Requirement(PackageName name, Set<String> extras, SpecifierSet specifier, Marker marker) {
        this.name = name;
        this.extras = Collections.unmodifiableSortedSet(new TreeSet<>(extras));
        this.specifier = specifier;
        this.marker = marker;
    }

    /**
     * Parses a requirement line (no {@code #} comments, no pip options).
     *
     * @throws InvalidSpecException naming the part that failed; URL requirements get their own message
     */
    public static Requirement parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            throw new InvalidSpecException(WHAT, text, "is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidSpecException(WHAT, text, "is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\t' && Inputs.isUnprintable(c)) {
                throw new InvalidSpecException(WHAT, text,
                        String.format(java.util.Locale.ROOT,
                                "contains the control or invisible character U+%04X at index %d", (int) c, i));
            }
        }
        Cursor cur = new Cursor(text);
        cur.skipSpace();
        int nameStart = cur.pos;
        while (cur.pos < text.length() && isNameChar(text.charAt(cur.pos))) {
            cur.pos++;
        }
        if (cur.pos == nameStart) {
            throw new InvalidSpecException(WHAT, text, "expected a project name at index " + nameStart);
        }
        PackageName name = Inputs.parsePart(WHAT, text, "name", text.substring(nameStart, cur.pos), PackageName::of);
        cur.skipSpace();
        Set<String> extras = cur.peek() == '[' ? parseExtras(cur) : Set.of();
        cur.skipSpace();
        if (cur.peek() == '@') {
            throw new InvalidSpecException(WHAT, text, "direct URL references ('" + name + " @ <url>') are not"
                    + " supported: pylock-trust locks distributions from a package index, whose provenance it can"
                    + " verify");
        }
        SpecifierSet specifier = parseSpecifier(cur);
        cur.skipSpace();
        Marker marker = null;
        if (cur.peek() == ';') {
            String markerText = text.substring(cur.pos + 1);
            if (markerText.isBlank()) {
                throw new InvalidSpecException(WHAT, text, "expected a marker after ';'");
            }
            marker = Inputs.parsePart(WHAT, text, "marker", markerText.strip(), Marker::parse);
        } else if (cur.pos < text.length()) {
            throw new InvalidSpecException(WHAT, text, "unexpected " + Inputs.quote(String.valueOf(cur.peek()))
                    + " at index " + cur.pos + " (expected ';' before a marker, or the end)");
        }
        return new Requirement(name, extras, specifier, marker);
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
                || c == '-';
    }

    private static Set<String> parseExtras(Cursor cur) {
        int open = cur.pos;
        int close = cur.text.indexOf(']', open);
        if (close < 0) {
            throw new InvalidSpecException(WHAT, cur.text, "'[' at index " + open + " is never closed by ']'");
        }
        String inside = cur.text.substring(open + 1, close);
        Set<String> extras = new TreeSet<>();
        if (!inside.isBlank()) {
            for (String raw : inside.split(",", -1)) {
                String extra = raw.strip();
                if (extra.isEmpty()) {
                    throw new InvalidSpecException(WHAT, cur.text,
                            "empty extra name in " + Inputs.quote("[" + inside + "]"));
                }
                extras.add(Inputs.parsePart(WHAT, cur.text, "extra", extra, PackageName::of).value());
            }
        }
        cur.pos = close + 1;
        return extras;
    }

    private static SpecifierSet parseSpecifier(Cursor cur) {
        String text = cur.text;
        if (cur.peek() == '(') {
            int close = text.indexOf(')', cur.pos);
            if (close < 0) {
                throw new InvalidSpecException(WHAT, text, "'(' at index " + cur.pos + " is never closed by ')'");
            }
            String inside = text.substring(cur.pos + 1, close);
            cur.pos = close + 1;
            return Inputs.parsePart(WHAT, text, "version specifier", inside.strip(), SpecifierSet::parse);
        }
        int end = text.indexOf(';', cur.pos);
        end = end < 0 ? text.length() : end;
        String spec = text.substring(cur.pos, end).strip();
        cur.pos = end;
        return spec.isEmpty() ? SpecifierSet.empty()
                : Inputs.parsePart(WHAT, text, "version specifier", spec, SpecifierSet::parse);
    }

    public PackageName name() {
        return name;
    }

    /** Requested extras, normalized, sorted. */
    public Set<String> extras() {
        return extras;
    }

    /** The version specifiers; empty if any version is acceptable. */
    public SpecifierSet specifier() {
        return specifier;
    }

    public Optional<Marker> marker() {
        return Optional.ofNullable(marker);
    }

    /** Whether this requirement applies in {@code env} (always, without a marker). */
    public boolean appliesTo(MarkerEnvironment env) {
        return marker == null || marker.evaluate(env);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Requirement)) {
            return false;
        }
        Requirement r = (Requirement) o;
        return name.equals(r.name) && extras.equals(r.extras) && specifier.equals(r.specifier)
                && Objects.equals(marker, r.marker);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, extras, specifier, marker);
    }

    /** Normalized: {@code name[a,b]!=1.5,>=1.0; python_version >= "3.9"}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name.value());
        if (!extras.isEmpty()) {
            sb.append('[').append(String.join(",", extras)).append(']');
        }
        sb.append(specifier);
        if (marker != null) {
            sb.append("; ").append(marker);
        }
        return sb.toString();
    }

    /** A position in the text being parsed. */
    private static final class Cursor {
        final String text;
        int pos;

        Cursor(String text) {
            this.text = text;
        }

        void skipSpace() {
            while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
                pos++;
            }
        }

        char peek() {
            return pos < text.length() ? text.charAt(pos) : '\0';
        }
    }
}
