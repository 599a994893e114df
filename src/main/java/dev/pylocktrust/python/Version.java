package dev.pylocktrust.python;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PEP 440 version, immutable. {@link #parse} accepts the full permissive grammar (leading {@code v}, surrounding
 * whitespace, any case, every pre/post/dev spelling, implicit numbers); {@link #toString()} is the normalized form.
 *
 * <p>Equality is PEP 440 equality, not string equality: {@code 1.0 == 1.0.0 == 1}, {@code 1.0a1 == 1.0.alpha1},
 * {@code 1.0rc1 == 1.0c1}, {@code 1.0+01 == 1.0+1}. {@link #compareTo} is consistent with {@link #equals}.
 *
 * <p>Ordering (the spec's {@code _cmpkey}): epoch; release zero-padded; then pre-release (a dev-only release sorts
 * before any a/b/rc of the same release; a release with no pre-release after rc); then post (absent first); then
 * dev (present first); then local (absent first; segments compared pairwise, numbers numerically and above
 * strings, strings case-insensitively, a shorter prefix first).
 *
 * <p>Numbers in the epoch, release, pre, post and dev segments must fit in a {@code long}; larger ones are rejected
 * rather than silently wrapped. Numeric local segments have no such limit (they are compared as digit strings).
 *
 * @see <a href="https://packaging.python.org/en/latest/specifications/version-specifiers/">Version specifiers</a>
 */
public final class Version implements Comparable<Version> {
    // The spec's appendix regex, ASCII case-insensitive. Possessive quantifiers as in packaging >= 26, which keep
    // matching linear on hostile input.
    private static final String PUBLIC_REGEX = "v?+"
            + "(?:(?<epoch>[0-9]+)!)?+"
            + "(?<release>[0-9]+(?:\\.[0-9]+)*+)"
            + "(?<pre>[._-]?+(?<preL>alpha|a|beta|b|preview|pre|c|rc)[._-]?+(?<preN>[0-9]+)?)?+"
            + "(?<post>-(?<postN1>[0-9]+)|[._-]?(?<postL>post|rev|r)[._-]?(?<postN2>[0-9]+)?)?+"
            + "(?<dev>[._-]?+(?<devL>dev)[._-]?+(?<devN>[0-9]+)?)?+";
    private static final String LOCAL_REGEX = "(?:\\+(?<local>[a-z0-9]+(?:[._-][a-z0-9]+)*+))?+";
    private static final Pattern PATTERN = Pattern.compile(PUBLIC_REGEX + LOCAL_REGEX, Pattern.CASE_INSENSITIVE);
    private static final Pattern PUBLIC_PART = Pattern.compile(PUBLIC_REGEX, Pattern.CASE_INSENSITIVE);
    private static final Pattern LOCAL_SEPARATOR = Pattern.compile("[._-]");
    private static final String WHAT = "version";

    private static final int PRE_RANK_DEV_ONLY = -1;
    private static final int PRE_RANK_NONE = 3;

    private final long epoch;
    private final long[] release;
    private final PreRelease pre;
    private final Long post;
    private final Long dev;
    /** Lower-case segments; numeric ones without leading zeros. Empty when there is no local label. */
    private final List<String> local;
    private final String normalized;

    private Version(long epoch, long[] release, PreRelease pre, Long post, Long dev, List<String> local) {
        this.epoch = epoch;
        this.release = release;
        this.pre = pre;
        this.post = post;
        this.dev = dev;
        this.local = List.copyOf(local);
        this.normalized = render(release.length);
    }

    /**
     * Parses a PEP 440 version in any accepted spelling.
     *
     * @throws InvalidSpecException if the string is not a PEP 440 version (message quotes it and says why)
     */
    public static Version parse(String text) {
        Objects.requireNonNull(text, "text");
        Inputs.checkLength(WHAT, text);
        String s = Inputs.stripPythonSpace(text);
        Matcher m = PATTERN.matcher(s);
        if (!m.matches()) {
            throw new InvalidSpecException(WHAT, text, whyInvalid(s));
        }
        long epoch = m.group("epoch") == null ? 0 : Inputs.parseNumber(WHAT, text, "epoch", m.group("epoch"));
        String[] parts = m.group("release").split("\\.");
        long[] release = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            release[i] = Inputs.parseNumber(WHAT, text, "release", parts[i]);
        }
        PreRelease pre = null;
        if (m.group("pre") != null) {
            pre = new PreRelease(PreRelease.normalizeLabel(m.group("preL")), number(text, "pre-release", m.group("preN")));
        }
        Long post = null;
        if (m.group("post") != null) {
            String n = m.group("postN1") != null ? m.group("postN1") : m.group("postN2");
            post = number(text, "post-release", n);
        }
        Long dev = m.group("dev") == null ? null : number(text, "dev-release", m.group("devN"));
        List<String> local = new ArrayList<>();
        if (m.group("local") != null) {
            for (String seg : LOCAL_SEPARATOR.split(m.group("local"))) {
                local.add(isDigits(seg) ? stripLeadingZeros(seg) : seg.toLowerCase(Locale.ROOT));
            }
        }
        return new Version(epoch, release, pre, post, dev, local);
    }

    /** Parses, or returns empty for a legacy (non-PEP 440) version string such as {@code 2004d} or {@code 1.0-SNAPSHOT}. */
    public static Optional<Version> tryParse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(text));
        } catch (InvalidSpecException e) {
            return Optional.empty();
        }
    }

    private static long number(String input, String part, String digits) {
        return digits == null ? 0 : Inputs.parseNumber(WHAT, input, part, digits);
    }

    private static String whyInvalid(String s) {
        if (s.isEmpty()) {
            return "is blank";
        }
        for (int i = 0; i < s.length(); i++) {
            if (Inputs.isPythonSpace(s.charAt(i))) {
                return "contains whitespace at index " + i + " (only leading and trailing whitespace is allowed)";
            }
        }
        int plus = s.indexOf('+');
        if (plus >= 0 && PUBLIC_PART.matcher(s.substring(0, plus)).matches()) {
            return "local version label " + Inputs.quote(s.substring(plus + 1))
                    + " must be ASCII letters and digits separated by '.', '-' or '_'";
        }
        return "does not follow the PEP 440 version scheme ([N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local],"
                + " e.g. 1.2.3, 2.0rc1, 1!1.0.post2.dev3+ubuntu.1)";
    }

    private static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static String stripLeadingZeros(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }

    private String render(int releaseLength) {
        StringBuilder sb = new StringBuilder();
        if (epoch != 0) {
            sb.append(epoch).append('!');
        }
        for (int i = 0; i < releaseLength; i++) {
            sb.append(i == 0 ? "" : ".").append(release[i]);
        }
        if (pre != null) {
            sb.append(pre);
        }
        if (post != null) {
            sb.append(".post").append(post);
        }
        if (dev != null) {
            sb.append(".dev").append(dev);
        }
        if (!local.isEmpty()) {
            sb.append('+').append(String.join(".", local));
        }
        return sb.toString();
    }

    /** The epoch ({@code 0} when absent). */
    public long epoch() {
        return epoch;
    }

    /** The release segment as written (trailing zeros kept: {@code 1.0.0} gives {@code [1, 0, 0]}). */
    public List<Long> release() {
        List<Long> list = new ArrayList<>(release.length);
        for (long n : release) {
            list.add(n);
        }
        return List.copyOf(list);
    }

    /** The {@code i}-th release number, or 0 beyond the written ones (PEP 440 zero padding). */
    public long releasePart(int i) {
        return i < release.length ? release[i] : 0;
    }

    /** Number of release numbers as written ({@code 1.0.0} has 3). */
    public int releaseSize() {
        return release.length;
    }

    public Optional<PreRelease> pre() {
        return Optional.ofNullable(pre);
    }

    public OptionalLong post() {
        return post == null ? OptionalLong.empty() : OptionalLong.of(post);
    }

    public OptionalLong dev() {
        return dev == null ? OptionalLong.empty() : OptionalLong.of(dev);
    }

    /** The normalized local label ({@code 1.0+Ubuntu-01} gives {@code ubuntu.1}), or empty. */
    public Optional<String> local() {
        return local.isEmpty() ? Optional.empty() : Optional.of(String.join(".", local));
    }

    /** A pre-release or a dev release ({@code 1.0a1}, {@code 1.0.dev0}, {@code 1.0a1.post1}); post/local alone are not. */
    public boolean isPrerelease() {
        return pre != null || dev != null;
    }

    public boolean isDevRelease() {
        return dev != null;
    }

    public boolean isPostRelease() {
        return post != null;
    }

    public boolean hasLocal() {
        return !local.isEmpty();
    }

    /** This version without its local label ({@code 1.0.post1+abc} gives {@code 1.0.post1}). */
    public Version publicVersion() {
        return local.isEmpty() ? this : new Version(epoch, release, pre, post, dev, List.of());
    }

    /** Epoch and release only ({@code 1!2.0rc1.post3.dev4+x} gives {@code 1!2.0}). */
    public Version baseVersion() {
        if (pre == null && post == null && dev == null && local.isEmpty()) {
            return this;
        }
        return new Version(epoch, release, null, null, null, List.of());
    }

    /** This version's public part with dev 0: the lowest pre-release of it ({@code 1.0} gives {@code 1.0.dev0}). */
    Version withDevZero() {
        return new Version(epoch, release, pre, post, 0L, List.of());
    }

    /** Same epoch, release zero-padded-equal and same pre-release segment (the "family" a {@code >V} excludes). */
    boolean samePreReleaseLine(Version o) {
        return epoch == o.epoch && compareRelease(o) == 0 && Objects.equals(pre, o.pre);
    }

    /** Whether the epoch matches and the first {@code n} release numbers (zero-padded) equal {@code prefix}'s. */
    boolean hasReleasePrefix(Version prefix, int n) {
        if (epoch != prefix.epoch) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (releasePart(i) != prefix.releasePart(i)) {
                return false;
            }
        }
        return true;
    }

    private int compareRelease(Version o) {
        for (int i = 0, n = Math.max(release.length, o.release.length); i < n; i++) {
            int c = Long.compare(releasePart(i), o.releasePart(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    @Override
    public int compareTo(Version o) {
        int c = Long.compare(epoch, o.epoch);
        if (c != 0) {
            return c;
        }
        c = compareRelease(o);
        if (c != 0) {
            return c;
        }
        c = Arrays.compare(suffixKey(), o.suffixKey());
        return c != 0 ? c : compareLocal(local, o.local);
    }

    /** (pre rank, pre number, post flag, post number, dev flag, dev number), as the spec's sort key. */
    private long[] suffixKey() {
        long preRank;
        long preNumber = 0;
        if (pre != null) {
            preRank = pre.rank();
            preNumber = pre.number();
        } else if (post == null && dev != null) {
            preRank = PRE_RANK_DEV_ONLY;
        } else {
            preRank = PRE_RANK_NONE;
        }
        return new long[] {
            preRank, preNumber,
            post == null ? 0 : 1, post == null ? 0 : post,
            dev == null ? 1 : 0, dev == null ? 0 : dev
        };
    }

    private static int compareLocal(List<String> a, List<String> b) {
        for (int i = 0, n = Math.min(a.size(), b.size()); i < n; i++) {
            int c = compareLocalSegment(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static int compareLocalSegment(String x, String y) {
        boolean xn = isDigits(x);
        boolean yn = isDigits(y);
        if (xn && yn) {
            // Both without leading zeros: a longer digit string is a larger number.
            int c = Integer.compare(x.length(), y.length());
            return c != 0 ? c : x.compareTo(y);
        }
        if (xn != yn) {
            return xn ? 1 : -1; // numbers sort after strings
        }
        return x.compareTo(y);
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof Version && compareTo((Version) obj) == 0;
    }

    @Override
    public int hashCode() {
        int end = release.length;
        while (end > 0 && release[end - 1] == 0) {
            end--;
        }
        int h = Long.hashCode(epoch);
        h = 31 * h + Arrays.hashCode(Arrays.copyOf(release, end));
        h = 31 * h + Arrays.hashCode(suffixKey());
        return 31 * h + local.hashCode();
    }

    /**
     * The normalized form with trailing zeros of the release removed, as packaging's {@code canonicalize_version}
     * ({@code 1.0.0} gives {@code 1}, {@code 1.0+abc} gives {@code 1+abc}). Equal versions have equal canonical
     * strings.
     */
    public String toCanonicalString() {
        int end = release.length;
        while (end > 1 && release[end - 1] == 0) {
            end--;
        }
        return end == release.length ? normalized : render(end);
    }

    /** The normalized form ({@code V1.0-ALPHA} gives {@code 1.0a0}); trailing zeros are kept as written. */
    @Override
    public String toString() {
        return normalized;
    }
}
