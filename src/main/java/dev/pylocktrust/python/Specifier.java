package dev.pylocktrust.python;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One PEP 440 version specifier clause: an operator and a version, e.g. {@code >=1.0}, {@code ==1.4.*},
 * {@code ~=2.2}, {@code ===foo}.
 *
 * <p>{@link #matches(Version)} is the operator alone, without any pre-release policy; {@link #contains} adds the
 * policy. The operators (as packaging 26 implements them):
 * <ul>
 *   <li>{@code ==V}: PEP 440 equality; if V has no local label, a candidate's local label is ignored
 *       ({@code 1.0+abc} matches {@code ==1.0}, {@code 1.0} does not match {@code ==1.0+abc}).
 *   <li>{@code ==V.*}: prefix match on the zero-padded release, same epoch, any suffix ({@code 1.0a1} and
 *       {@code 1.0.5.post1} match {@code ==1.0.*}; {@code 1.0} matches {@code ==1.0.0.*}).
 *   <li>{@code !=}: the negation of {@code ==}, with or without {@code .*}.
 *   <li>{@code <=V}, {@code >=V}: ordered comparison, local labels ignored for {@code <=}.
 *   <li>{@code <V}: below V, and, unless V is itself a pre-release, below V's first pre-release ({@code <2.0}
 *       excludes {@code 2.0a1} and {@code 2.0.dev1}).
 *   <li>{@code >V}: above V, excluding V's local versions and, unless V is a post- or dev release, V's
 *       post-releases ({@code >1.0} excludes {@code 1.0.post1} and {@code 1.0+local}; {@code >1.0a1} accepts
 *       {@code 1.0.post0} but not {@code 1.0a1.post0}).
 *   <li>{@code ~=V.N}: {@code >=V.N, ==V.*}; needs at least two release numbers.
 *   <li>{@code ===S}: case-insensitive string equality with the candidate as written (no normalization).
 * </ul>
 *
 * @see <a href="https://packaging.python.org/en/latest/specifications/version-specifiers/#version-specifiers">
 *     Version specifiers</a>
 */
public final class Specifier {
    private static final String WHAT = "specifier";
    /** What {@code ==V.*} and {@code !=V.*} allow before the {@code .*}: an optional epoch and a release. */
    private static final Pattern WILDCARD_BASE = Pattern.compile("\\s*[vV]?(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)*\\s*");
    /** packaging: an arbitrary-equality operand is anything but whitespace, ';' and ')'. */
    private static final Pattern ARBITRARY_OPERAND = Pattern.compile("[^\\s;)]+");

    /** The eight PEP 440 comparison operators. */
    public enum Operator {
        COMPATIBLE("~="),
        EQUAL("=="),
        NOT_EQUAL("!="),
        LESS_EQUAL("<="),
        GREATER_EQUAL(">="),
        LESS("<"),
        GREATER(">"),
        ARBITRARY("===");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        /** The operator {@code s} starts with (longest match), or null. */
        static Operator prefixOf(String s) {
            if (s.startsWith("===")) {
                return ARBITRARY;
            }
            for (Operator op : values()) {
                if (op != ARBITRARY && s.startsWith(op.symbol)) {
                    return op;
                }
            }
            return null;
        }
    }

    private final Operator operator;
    /** The operand as written, whitespace stripped (with {@code .*} for prefix matches). */
    private final String operand;
    /** The parsed operand (without {@code .*}); null only for {@code ===} with a non-PEP 440 operand. */
    private final Version version;
    private final boolean wildcard;

    private Specifier(Operator operator, String operand, Version version, boolean wildcard) {
        this.operator = operator;
        this.operand = operand;
        this.version = version;
        this.wildcard = wildcard;
    }

    /**
     * Parses one clause ({@code >= 1.0} with whitespace is accepted; commas are not: see {@link SpecifierSet}).
     *
     * @throws InvalidSpecException naming the operator or operand rule broken
     */
    public static Specifier parse(String text) {
        Objects.requireNonNull(text, "text");
        Inputs.checkLength(WHAT, text);
        String s = Inputs.stripPythonSpace(text);
        Operator op = Operator.prefixOf(s);
        if (op == null) {
            throw new InvalidSpecException(WHAT, text, missingOperator(s));
        }
        String operand = Inputs.stripPythonSpace(s.substring(op.symbol().length()));
        if (operand.isEmpty()) {
            throw new InvalidSpecException(WHAT, text, "no version after '" + op.symbol() + "'");
        }
        if (op == Operator.ARBITRARY) {
            if (!ARBITRARY_OPERAND.matcher(operand).matches()) {
                throw new InvalidSpecException(WHAT, text,
                        "the operand of '===' must not contain whitespace, ';' or ')'");
            }
            return new Specifier(op, operand, Version.tryParse(operand).orElse(null), false);
        }
        if (operand.endsWith(".*")) {
            return parseWildcard(text, op, operand);
        }
        Version v = Inputs.parsePart(WHAT, text, "version part", operand, Version::parse);
        if (v.hasLocal() && op != Operator.EQUAL && op != Operator.NOT_EQUAL) {
            throw new InvalidSpecException(WHAT, text, "a local version label (+" + v.local().orElseThrow()
                    + ") is only allowed with == and !=");
        }
        if (op == Operator.COMPATIBLE && v.releaseSize() < 2) {
            throw new InvalidSpecException(WHAT, text,
                    "'~=' needs at least two release numbers (e.g. ~=1.0, meaning >=1.0, ==1.*)");
        }
        return new Specifier(op, operand, v, false);
    }

    private static Specifier parseWildcard(String text, Operator op, String operand) {
        if (op != Operator.EQUAL && op != Operator.NOT_EQUAL) {
            throw new InvalidSpecException(WHAT, text,
                    "a prefix match ('.*') is only allowed with == and !=, not " + op.symbol());
        }
        String base = operand.substring(0, operand.length() - 2);
        if (!WILDCARD_BASE.matcher(base).matches()) {
            throw new InvalidSpecException(WHAT, text, "a prefix match ('.*') must follow a plain release such as"
                    + " 1.4 or 2!1.4, not " + Inputs.quote(base) + " (no pre, post, dev or local part)");
        }
        Version v = Inputs.parsePart(WHAT, text, "version part", base, Version::parse);
        return new Specifier(op, operand, v, true);
    }

    private static String missingOperator(String s) {
        int end = 0;
        while (end < s.length() && "~=!<>".indexOf(s.charAt(end)) >= 0) {
            end++;
        }
        String hint = " (expected one of ~=, ==, !=, <=, >=, <, >, ===)";
        return end == 0 ? "missing comparison operator" + hint
                : "unknown operator " + Inputs.quote(s.substring(0, end)) + hint;
    }

    public Operator operator() {
        return operator;
    }

    /** The operand as written, e.g. {@code 1.4.*} or {@code foo} (for {@code ===}). */
    public String operand() {
        return operand;
    }

    /** The operand parsed (without {@code .*}); empty only for {@code ===} with a non-PEP 440 operand. */
    public Optional<Version> version() {
        return Optional.ofNullable(version);
    }

    /** Whether this is a prefix match ({@code ==1.4.*}, {@code !=1.4.*}). */
    public boolean isWildcard() {
        return wildcard;
    }

    /**
     * Whether this clause names a pre-release, which opts its set into pre-releases: {@code >=1.0a1},
     * {@code ==2.0.dev1} and {@code <1.0rc1} do; {@code !=1.0a1} and {@code ==1.0.*} never do.
     */
    public boolean impliesPrereleases() {
        if (operator == Operator.NOT_EQUAL || wildcard || version == null) {
            return false;
        }
        return version.isPrerelease();
    }

    /** The operator's test alone, without pre-release policy. */
    public boolean matches(Version candidate) {
        Objects.requireNonNull(candidate, "candidate");
        switch (operator) {
            case EQUAL:
                return equalMatch(candidate);
            case NOT_EQUAL:
                return !equalMatch(candidate);
            case LESS_EQUAL:
                return candidate.publicVersion().compareTo(version) <= 0;
            case GREATER_EQUAL:
                return candidate.compareTo(version) >= 0;
            case LESS:
                return candidate.compareTo(version.isPrerelease() ? version : version.withDevZero()) < 0;
            case GREATER:
                return candidate.compareTo(version) > 0 && !inGreaterThanExclusion(candidate);
            case COMPATIBLE:
                return candidate.compareTo(version) >= 0
                        && candidate.hasReleasePrefix(version, version.releaseSize() - 1);
            case ARBITRARY:
                return arbitraryMatch(candidate.toString());
            default:
                throw new AssertionError(operator);
        }
    }

    /**
     * Matches a version string as written: {@code ===} compares it verbatim (case-insensitively); every other
     * operator parses it and never matches a string that is not a PEP 440 version.
     */
    public boolean matches(String candidate) {
        Objects.requireNonNull(candidate, "candidate");
        if (operator == Operator.ARBITRARY) {
            return arbitraryMatch(candidate);
        }
        return Version.tryParse(candidate).map(this::matches).orElse(false);
    }

    /**
     * Whether {@code candidate} satisfies this clause, with the pre-release rule: a pre-release is accepted only if
     * {@code allowPrereleases} or this clause {@linkplain #impliesPrereleases() names a pre-release}.
     */
    public boolean contains(Version candidate, boolean allowPrereleases) {
        if (candidate.isPrerelease() && !allowPrereleases && !impliesPrereleases()) {
            return false;
        }
        return matches(candidate);
    }

    private boolean equalMatch(Version candidate) {
        if (wildcard) {
            return candidate.hasReleasePrefix(version, version.releaseSize());
        }
        return version.hasLocal() ? candidate.equals(version) : candidate.publicVersion().equals(version);
    }

    /**
     * {@code >V} excludes V's local versions, and V's post-releases unless V is a post- or dev release (then
     * only V's local versions). The candidate is already known to be above V.
     */
    private boolean inGreaterThanExclusion(Version candidate) {
        if (!candidate.samePreReleaseLine(version)) {
            return false;
        }
        if (!version.isPostRelease() && !version.isDevRelease()) {
            return true;
        }
        return candidate.post().equals(version.post()) && candidate.dev().equals(version.dev());
    }

    private boolean arbitraryMatch(String candidate) {
        return candidate.toLowerCase(Locale.ROOT).equals(operand.toLowerCase(Locale.ROOT));
    }

    /**
     * The form used for equality: operator plus normalized operand with trailing zeros stripped (kept for
     * {@code ~=}, where they change the meaning); prefix matches and {@code ===} as written.
     */
    private String canonical() {
        if (operator == Operator.ARBITRARY || wildcard) {
            return operator.symbol() + operand;
        }
        return operator.symbol() + (operator == Operator.COMPATIBLE ? version.toString() : version.toCanonicalString());
    }

    /** Equal if operator and normalized operand are equal ({@code ==2.8.0} equals {@code == 2.8}). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Specifier && canonical().equals(((Specifier) o).canonical());
    }

    @Override
    public int hashCode() {
        return canonical().hashCode();
    }

    /** Operator and operand as written, without whitespace ({@code < 2} gives {@code <2}). */
    @Override
    public String toString() {
        return operator.symbol() + operand;
    }
}
