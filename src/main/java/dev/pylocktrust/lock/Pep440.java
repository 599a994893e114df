package dev.pylocktrust.lock;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough PEP 440 for the lock file: is a version valid, and are two spellings the same version
 * ({@code 1.0} and {@code 1.0.0} are; {@code 1.0-1} is the post-release {@code 1.0.post1}). Kept private to this package
 * until the shared {@code dev.pylocktrust.python} version type is merged. The pattern is the spec's permissive
 * one (version-specifiers, Appendix: parsing with a regular expression).
 */
final class Pep440 {
    private static final Pattern VERSION = Pattern.compile(
            "\\s*v?(?:(?:(?<epoch>[0-9]+)!)?(?<release>[0-9]+(?:\\.[0-9]+)*)"
                    + "(?<pre>[-_.]?(?<preL>alpha|beta|preview|pre|a|b|c|rc)[-_.]?(?<preN>[0-9]+)?)?"
                    + "(?<post>(?:-(?<postN1>[0-9]+))|(?:[-_.]?(?<postL>post|rev|r)[-_.]?(?<postN2>[0-9]+)?))?"
                    + "(?<dev>[-_.]?(?<devL>dev)[-_.]?(?<devN>[0-9]+)?)?)"
                    + "(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?\\s*",
            Pattern.CASE_INSENSITIVE);

    private Pep440() {}

    static boolean isValid(String version) {
        return VERSION.matcher(version).matches();
    }

    /**
     * A string that is equal for two versions exactly when PEP 440 says they are equal: numbers without leading
     * zeros, release without trailing zeros, spellings normalized ({@code alpha} = {@code a}, {@code -1} =
     * {@code .post1}), local labels lower case with {@code .} separators.
     */
    static Optional<String> equalityKey(String version) {
        Matcher m = VERSION.matcher(version);
        if (!m.matches()) {
            return Optional.empty();
        }
        StringBuilder key = new StringBuilder();
        key.append(num(m.group("epoch"))).append('!');
        List<String> release = new ArrayList<>();
        for (String part : m.group("release").split("\\.")) {
            release.add(num(part));
        }
        while (release.size() > 1 && release.get(release.size() - 1).equals("0")) {
            release.remove(release.size() - 1);
        }
        key.append(String.join(".", release));
        if (m.group("pre") != null) {
            key.append(preLetter(m.group("preL").toLowerCase(Locale.ROOT))).append(num(m.group("preN")));
        }
        if (m.group("post") != null) {
            key.append(".post").append(num(m.group("postN1") != null ? m.group("postN1") : m.group("postN2")));
        }
        if (m.group("dev") != null) {
            key.append(".dev").append(num(m.group("devN")));
        }
        if (m.group("local") != null) {
            key.append('+');
            String[] parts = m.group("local").toLowerCase(Locale.ROOT).split("[-_.]");
            for (int i = 0; i < parts.length; i++) {
                key.append(i == 0 ? "" : ".").append(parts[i].chars().allMatch(Character::isDigit) ? num(parts[i]) : parts[i]);
            }
        }
        return Optional.of(key.toString());
    }

    /** True if both parse and are the same version under PEP 440 equality. */
    static boolean sameVersion(String a, String b) {
        Optional<String> ka = equalityKey(a);
        return ka.isPresent() && ka.equals(equalityKey(b));
    }

    private static String preLetter(String l) {
        return switch (l) {
            case "alpha", "a" -> "a";
            case "beta", "b" -> "b";
            default -> "rc"; // c, rc, pre, preview
        };
    }

    private static String num(String digits) {
        if (digits == null) {
            return "0";
        }
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }
}
