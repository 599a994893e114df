package dev.pylocktrust.python;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A parsed PEP 508 environment marker ({@code python_version >= "3.9" and sys_platform == "linux"}), including
 * PEP 751's lock-file set variables ({@code "test" in extras}, {@code "dev" in dependency_groups}).
 *
 * <p>Evaluation follows packaging (what pip uses):
 * <ul>
 *   <li>{@code and} binds tighter than {@code or}; parentheses group.
 *   <li>Version variables ({@link MarkerVariable.Kind#VERSION}) compare as PEP 440 specifiers when the operator
 *       and the other side form one ({@code python_version >= "3.9"} is {@code >=3.9}, so {@code "3.10"} is above
 *       it), pre-releases included; otherwise, and for every string variable, as strings.
 *   <li>String comparisons: {@code ==}/{@code !=} exact and case-sensitive, {@code in}/{@code not in} substring,
 *       {@code <}/{@code >} always false, {@code <=}/{@code >=} mean {@code ==}.
 *   <li>{@code extra == "x"} is true when extra {@code x} is requested; {@code "x" in extras} and
 *       {@code "x" in dependency_groups} test the requested sets; names are PEP 685-normalized on both sides.
 * </ul>
 *
 * <p>Stricter than packaging, at parse time: unknown variables; comparisons of two literals or two variables;
 * a set variable on the left; {@code ~=}/{@code ===} on a string variable or {@code ~=} without a valid version;
 * any operator but {@code ==}/{@code !=} on {@code extra}; backslashes or control characters in strings.
 *
 * <p>{@link #toString()} is a normalized rendering (canonical variable names, double quotes, single spaces,
 * parentheses only where needed and around an {@code and} inside an {@code or}); {@code equals} compares it.
 *
 * @see <a href="https://packaging.python.org/en/latest/specifications/dependency-specifiers/">Dependency
 *     specifiers</a>
 */
public final class Marker {
    /** uv's universal lock markers can be long; this is far above them and far below anything costly. */
    static final int MAX_LENGTH = 16_384;

    /** A node of the expression tree. */
    sealed interface Node permits And, Or, Comparison {}

    record And(List<Node> children) implements Node {}

    record Or(List<Node> children) implements Node {}

    /** {@code variable op literal} or {@code literal op variable}; {@code spec} is precomputed when possible. */
    record Comparison(MarkerVariable variable, Op op, String literal, boolean variableOnLeft, Specifier spec)
            implements Node {}

    /** Marker comparison operators. */
    enum Op {
        LT("<"), LE("<="), NE("!="), EQ("=="), GE(">="), GT(">"), COMPATIBLE("~="), ARBITRARY("==="),
        IN("in"), NOT_IN("not in");

        final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        boolean isMembership() {
            return this == IN || this == NOT_IN;
        }
    }

    private final Node root;
    private final String rendered;

    Marker(Node root) {
        this.root = root;
        this.rendered = render(root, true);
    }

    /**
     * Parses a marker expression.
     *
     * @throws InvalidSpecException naming the position and what was expected
     */
    public static Marker parse(String text) {
        return new Marker(new MarkerParser(text).parseAll());
    }

    /** Evaluates the marker for a target environment. */
    public boolean evaluate(MarkerEnvironment env) {
        Objects.requireNonNull(env, "env");
        return eval(root, env);
    }

    /**
     * What a target description leaves open: variables it gives no value for (a remote machine's
     * {@code platform_release}, say), and whether it fixes only the Python version's major and minor ({@code 3.12}),
     * leaving {@code python_full_version} and {@code implementation_version} anywhere in {@code 3.12.*}.
     */
    public record Unknowns(Set<MarkerVariable> variables, boolean pythonPatch) {
        public Unknowns {
            variables = Set.copyOf(variables);
        }

        /** Everything is known: {@link #decide} is {@link #evaluate}. */
        public static final Unknowns NONE = new Unknowns(Set.of(), false);
    }

    /**
     * Evaluates the marker for a target that leaves some values open: the answer when every value the target could
     * take gives the same one, empty when it depends on a value the target does not fix. PEP 508's boolean logic,
     * three-valued: {@code false and ?} is false, {@code true or ?} is true.
     *
     * @param env the target's values (open ones as placeholders: empty strings, patch 0)
     */
    public Optional<Boolean> decide(MarkerEnvironment env, Unknowns unknowns) {
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(unknowns, "unknowns");
        return Optional.ofNullable(decide(root, env, unknowns));
    }

    private static Boolean decide(Node node, MarkerEnvironment env, Unknowns unknowns) {
        if (node instanceof And and) {
            boolean open = false;
            for (Node c : and.children()) {
                Boolean v = decide(c, env, unknowns);
                if (v == null) {
                    open = true;
                } else if (!v) {
                    return false;
                }
            }
            return open ? null : true;
        }
        if (node instanceof Or or) {
            boolean open = false;
            for (Node c : or.children()) {
                Boolean v = decide(c, env, unknowns);
                if (v == null) {
                    open = true;
                } else if (v) {
                    return true;
                }
            }
            return open ? null : false;
        }
        Comparison c = (Comparison) node;
        if (unknowns.variables().contains(c.variable())) {
            return null;
        }
        boolean patchOpen = unknowns.pythonPatch() && (c.variable() == MarkerVariable.PYTHON_FULL_VERSION
                || c.variable() == MarkerVariable.IMPLEMENTATION_VERSION);
        if (patchOpen) {
            return decideWithinMinor(c, env.value(c.variable()));
        }
        return eval(c, env);
    }

    /**
     * A comparison with a version known only as {@code X.Y.*}: decided when it holds, or fails, at both ends of the
     * range and the operator is monotone there ({@code <}, {@code <=}, {@code >}, {@code >=}), or when the literal
     * lies outside {@code X.Y}; open otherwise ({@code == 3.12.4} holds for one patch release only).
     */
    private static Boolean decideWithinMinor(Comparison c, String known) {
        Optional<Version> v = Version.tryParse(known);
        if (v.isEmpty() || v.get().releaseSize() < 2 || c.op().isMembership()) {
            return null;
        }
        String minor = v.get().releasePart(0) + "." + v.get().releasePart(1);
        boolean low = evalVersion(c, minor + ".0");
        boolean high = evalVersion(c, minor + ".999999");
        if (low != high) {
            return null;
        }
        if (c.op() == Op.LT || c.op() == Op.LE || c.op() == Op.GT || c.op() == Op.GE) {
            return low;
        }
        Optional<Version> literal = Version.tryParse(c.literal().replace(".*", ""));
        boolean inside = literal.isEmpty() || literal.get().releaseSize() < 2
                || literal.get().releasePart(0) == v.get().releasePart(0)
                && literal.get().releasePart(1) == v.get().releasePart(1);
        // "== X.Y.*" and "!= X.Y.*" hold or fail for the whole minor; so does "~= X.Y" (>= X.Y, == X.*).
        boolean wholeMinor = (c.op() == Op.EQ || c.op() == Op.NE) && c.literal().equals(minor + ".*")
                || c.op() == Op.COMPATIBLE && literal.isPresent() && literal.get().releaseSize() <= 2;
        return inside && !wholeMinor ? null : low;
    }

    /** Both markers must hold. */
    public Marker and(Marker other) {
        return new Marker(new And(flatten(And.class, root, other.root)));
    }

    /** Either marker holds. */
    public Marker or(Marker other) {
        return new Marker(new Or(flatten(Or.class, root, other.root)));
    }

    /** The variables this marker reads (e.g. to reject {@code extras} outside a lock file). */
    public Set<MarkerVariable> variables() {
        Set<MarkerVariable> out = EnumSet.noneOf(MarkerVariable.class);
        collect(root, out);
        return Set.copyOf(out);
    }

    private static void collect(Node node, Set<MarkerVariable> out) {
        if (node instanceof Comparison) {
            out.add(((Comparison) node).variable());
        } else {
            children(node).forEach(c -> collect(c, out));
        }
    }

    private static List<Node> children(Node node) {
        return node instanceof And ? ((And) node).children() : ((Or) node).children();
    }

    private static List<Node> flatten(Class<? extends Node> type, Node a, Node b) {
        List<Node> list = new ArrayList<>();
        for (Node n : List.of(a, b)) {
            if (type.isInstance(n)) {
                list.addAll(children(n));
            } else {
                list.add(n);
            }
        }
        return List.copyOf(list);
    }

    private static boolean eval(Node node, MarkerEnvironment env) {
        if (node instanceof Comparison c) {
            return eval(c, env);
        }
        if (node instanceof And) {
            return ((And) node).children().stream().allMatch(c -> eval(c, env));
        }
        if (node instanceof Or) {
            return ((Or) node).children().stream().anyMatch(c -> eval(c, env));
        }
        throw new IllegalStateException("unknown node " + node);
    }

    private static boolean eval(Comparison c, MarkerEnvironment env) {
        switch (c.variable().kind()) {
            case EXTRA: {
                boolean requested = env.setValue(c.variable()).contains(c.literal());
                return c.op() == Op.EQ ? requested : !requested;
            }
            case SET: {
                boolean member = env.setValue(c.variable()).contains(c.literal());
                return c.op() == Op.IN ? member : c.op() == Op.NOT_IN && !member;
            }
            case VERSION:
                return evalVersion(c, env.value(c.variable()));
            default:
                return evalString(c, env.value(c.variable()));
        }
    }

    private static boolean evalVersion(Comparison c, String envValue) {
        if (c.spec() != null) {
            return c.spec().matches(envValue);
        }
        if (!c.variableOnLeft() && !c.op().isMembership()) {
            Optional<Specifier> spec = MarkerParser.trySpecifier(c.op(), envValue);
            if (spec.isPresent()) {
                return spec.get().matches(c.literal());
            }
        }
        return evalString(c, envValue);
    }

    private static boolean evalString(Comparison c, String envValue) {
        String lhs = c.variableOnLeft() ? envValue : c.literal();
        String rhs = c.variableOnLeft() ? c.literal() : envValue;
        switch (c.op()) {
            case EQ:
            case LE:
            case GE:
                return lhs.equals(rhs);
            case NE:
                return !lhs.equals(rhs);
            case IN:
                return rhs.contains(lhs);
            case NOT_IN:
                return !rhs.contains(lhs);
            default:
                // '<' and '>' on strings, and an undefined '~=' (only reachable as "literal ~= version_var" when the
                // environment's value is not a valid operand): false.
                return false;
        }
    }

    private static String render(Node node, boolean top) {
        if (node instanceof Comparison) {
            Comparison c = (Comparison) node;
            String literal = c.literal().contains("\"") ? "'" + c.literal() + "'" : "\"" + c.literal() + "\"";
            String variable = c.variable().markerName();
            return c.variableOnLeft() ? variable + " " + c.op().symbol + " " + literal
                    : literal + " " + c.op().symbol + " " + variable;
        }
        String joiner = node instanceof And ? " and " : " or ";
        String inner = children(node).stream().map(ch -> render(ch, false)).collect(Collectors.joining(joiner));
        return top ? inner : "(" + inner + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Marker && rendered.equals(((Marker) o).rendered);
    }

    @Override
    public int hashCode() {
        return rendered.hashCode();
    }

    @Override
    public String toString() {
        return rendered;
    }
}
