package dev.pylocktrust.python;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One platform compatibility tag (PEP 425): interpreter, ABI and platform, lower-cased (packaging lower-cases tags,
 * so {@code CP312-cp312-MANYLINUX_2_17_X86_64} and its lower-case spelling are the same tag).
 *
 * @see <a href="https://packaging.python.org/en/latest/specifications/platform-compatibility-tags/">Platform
 *     compatibility tags</a>
 */
public record Tag(String interpreter, String abi, String platform) implements Comparable<Tag> {
    /** A compressed tag set cannot expand beyond this (a 1000-character filename could otherwise ask for ~10^7). */
    public static final int MAX_EXPANDED = 1024;

    // packaging requires the interpreter to be a Python identifier; we accept its ASCII subset only.
    private static final Pattern INTERPRETER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    // Real ABI and platform tags are normalized to [a-z0-9_] (packaging replaces '.', '-' and ' ' with '_').
    private static final Pattern ABI_OR_PLATFORM = Pattern.compile("[A-Za-z0-9_]+");
    private static final String WHAT = "tag";

    public Tag {
        interpreter = check(interpreter, "interpreter", INTERPRETER);
        abi = check(abi, "abi", ABI_OR_PLATFORM);
        platform = check(platform, "platform", ABI_OR_PLATFORM);
    }

    private static String check(String value, String field, Pattern rule) {
        Objects.requireNonNull(value, field);
        if (!rule.matcher(value).matches()) {
            throw new InvalidSpecException(WHAT + " " + field, value, field.equals("interpreter")
                    ? "must be an ASCII identifier (letters, digits, '_'; not starting with a digit)"
                    : "must be non-empty ASCII letters, digits and '_'");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a tag triple, expanding compressed tag sets: {@code py2.py3-none-any} gives {@code py2-none-any} and
     * {@code py3-none-any}. The order of the pieces does not matter for the resulting set (PEP 425 says they SHOULD
     * be sorted; packaging only checks that on request, and so do not we).
     *
     * @return the tags in filename order (interpreter, then ABI, then platform varying fastest), unmodifiable
     * @throws InvalidSpecException naming the empty or malformed component
     */
    public static Set<Tag> parseSet(String tagString) {
        Objects.requireNonNull(tagString, "tagString");
        Inputs.checkLength("tag set", tagString);
        String[] components = tagString.split("-", -1);
        if (components.length != 3) {
            throw new InvalidSpecException("tag set", tagString, "expected 3 '-'-separated components"
                    + " (interpreter-abi-platform), found " + components.length);
        }
        String[] names = {"interpreter", "abi", "platform"};
        List<List<String>> pieces = new ArrayList<>(3);
        long count = 1;
        for (int i = 0; i < 3; i++) {
            List<String> list = new ArrayList<>();
            for (String piece : components[i].split("\\.", -1)) {
                if (piece.isEmpty()) {
                    throw new InvalidSpecException("tag set", tagString,
                            names[i] + " component " + Inputs.quote(components[i]) + " has an empty member");
                }
                list.add(piece);
            }
            pieces.add(list);
            count *= list.size();
        }
        if (count > MAX_EXPANDED) {
            throw new InvalidSpecException("tag set", tagString,
                    "compressed tag set expands to " + count + " tags (limit " + MAX_EXPANDED + ")");
        }
        Set<Tag> tags = new LinkedHashSet<>();
        for (String interpreter : pieces.get(0)) {
            for (String abi : pieces.get(1)) {
                for (String platform : pieces.get(2)) {
                    try {
                        tags.add(new Tag(interpreter, abi, platform));
                    } catch (InvalidSpecException e) {
                        throw new InvalidSpecException("tag set", tagString,
                                e.what().substring(WHAT.length() + 1) + " " + Inputs.quote(e.input()) + " "
                                        + e.reason(), e);
                    }
                }
            }
        }
        return Collections.unmodifiableSet(tags);
    }

    @Override
    public int compareTo(Tag o) {
        return toString().compareTo(o.toString());
    }

    /** {@code interpreter-abi-platform}, e.g. {@code cp312-cp312-manylinux_2_17_x86_64}. */
    @Override
    public String toString() {
        return interpreter + "-" + abi + "-" + platform;
    }
}
