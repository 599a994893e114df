package dev.pylocktrust.python;

import dev.pylocktrust.python.Marker.And;
import dev.pylocktrust.python.Marker.Comparison;
import dev.pylocktrust.python.Marker.Node;
import dev.pylocktrust.python.Marker.Op;
import dev.pylocktrust.python.Marker.Or;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Recursive-descent parser for PEP 508 marker expressions:
 *
 * <pre>
 * marker     = and_expr ('or' and_expr)*
 * and_expr   = atom ('and' atom)*
 * atom       = '(' marker ')' | operand op operand
 * operand    = VARIABLE | '...' | "..."
 * op         = '===' | '==' | '~=' | '!=' | '&lt;=' | '&gt;=' | '&lt;' | '&gt;' | 'in' | 'not' 'in'
 * </pre>
 *
 * Whitespace is spaces and tabs. Nesting depth and the number of comparisons are bounded.
 */
final class MarkerParser {
    private static final String WHAT = "marker";
    static final int MAX_DEPTH = 32;
    static final int MAX_COMPARISONS = 1024;

    private final String text;
    private int pos;
    private int depth;
    private int comparisons;

    MarkerParser(String text) {
        this.text = java.util.Objects.requireNonNull(text, "text");
    }

    Node parseAll() {
        if (text.length() > Marker.MAX_LENGTH) {
            throw new InvalidSpecException(WHAT, text, "is longer than " + Marker.MAX_LENGTH + " characters");
        }
        skipSpace();
        if (pos == text.length()) {
            throw new InvalidSpecException(WHAT, text, "is empty");
        }
        Node node = parseOr();
        skipSpace();
        if (pos < text.length()) {
            throw error(text.charAt(pos) == ')' ? "unbalanced ')'" : "expected 'and', 'or' or the end");
        }
        return node;
    }

    private Node parseOr() {
        List<Node> parts = new ArrayList<>();
        parts.add(parseAnd());
        while (keyword("or")) {
            parts.add(parseAnd());
        }
        return parts.size() == 1 ? parts.get(0) : new Or(flatten(parts, Or.class));
    }

    private Node parseAnd() {
        List<Node> parts = new ArrayList<>();
        parts.add(parseAtom());
        while (keyword("and")) {
            parts.add(parseAtom());
        }
        return parts.size() == 1 ? parts.get(0) : new And(flatten(parts, And.class));
    }

    private static List<Node> flatten(List<Node> parts, Class<? extends Node> type) {
        List<Node> out = new ArrayList<>();
        for (Node n : parts) {
            if (type == And.class && n instanceof And) {
                out.addAll(((And) n).children());
            } else if (type == Or.class && n instanceof Or) {
                out.addAll(((Or) n).children());
            } else {
                out.add(n);
            }
        }
        return List.copyOf(out);
    }

    private Node parseAtom() {
        skipSpace();
        if (peek() == '(') {
            if (++depth > MAX_DEPTH) {
                throw error("parentheses nested deeper than " + MAX_DEPTH);
            }
            pos++;
            Node inner = parseOr();
            skipSpace();
            if (peek() != ')') {
                throw error("expected ')' to close the '('");
            }
            pos++;
            depth--;
            return inner;
        }
        return parseComparison();
    }

    private Node parseComparison() {
        if (++comparisons > MAX_COMPARISONS) {
            throw error("more than " + MAX_COMPARISONS + " comparisons");
        }
        int start = pos;
        Object left = parseOperand();
        Op op = parseOp();
        Object right = parseOperand();
        if ((left instanceof MarkerVariable) == (right instanceof MarkerVariable)) {
            throw new InvalidSpecException(WHAT, text, "comparison at index " + start + " must compare one marker"
                    + " variable with one quoted string, e.g. python_version >= \"3.9\"");
        }
        boolean variableOnLeft = left instanceof MarkerVariable;
        MarkerVariable variable = (MarkerVariable) (variableOnLeft ? left : right);
        String literal = (String) (variableOnLeft ? right : left);
        return check(start, variable, op, literal, variableOnLeft);
    }

    /** The semantic rules each variable kind puts on its comparisons (see {@link Marker}). */
    private Comparison check(int start, MarkerVariable variable, Op op, String literal, boolean variableOnLeft) {
        String where = " (comparison at index " + start + ")";
        switch (variable.kind()) {
            case SET:
                if (variableOnLeft) {
                    throw new InvalidSpecException(WHAT, text, "'" + variable + "' is a set of names: write"
                            + " '\"name\" in " + variable + "' or '\"name\" not in " + variable + "'" + where);
                }
                return new Comparison(variable, op, PackageName.normalize(literal), false, null);
            case EXTRA:
                if (op != Op.EQ && op != Op.NE) {
                    throw new InvalidSpecException(WHAT, text, "only == and != are defined for 'extra', not '"
                            + op.symbol + "'" + where);
                }
                return new Comparison(variable, op, PackageName.normalize(literal), variableOnLeft, null);
            case VERSION: {
                Specifier spec = variableOnLeft && !op.isMembership() ? trySpecifier(op, literal).orElse(null) : null;
                if (spec == null && variableOnLeft && op == Op.COMPATIBLE) {
                    throw new InvalidSpecException(WHAT, text, "'~=' with " + Inputs.quote(literal)
                            + " is not a valid version specifier for " + variable + where);
                }
                return new Comparison(variable, op, literal, variableOnLeft, spec);
            }
            default:
                if (op == Op.COMPATIBLE || op == Op.ARBITRARY) {
                    throw new InvalidSpecException(WHAT, text, "operator '" + op.symbol + "' is not defined for the"
                            + " string variable '" + variable + "'" + where);
                }
                return new Comparison(variable, op, literal, variableOnLeft, null);
        }
    }

    /** {@code op + version} as a PEP 440 specifier, if it is one. */
    static Optional<Specifier> trySpecifier(Op op, String version) {
        if (op.isMembership()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Specifier.parse(op.symbol + version));
        } catch (InvalidSpecException e) {
            return Optional.empty();
        }
    }

    /** A {@link MarkerVariable} or the String content of a quoted literal. */
    private Object parseOperand() {
        skipSpace();
        int start = pos;
        char c = peek();
        if (c == '\'' || c == '"') {
            int end = text.indexOf(c, pos + 1);
            if (end < 0) {
                throw error("unterminated string (missing closing " + c + ")");
            }
            String value = text.substring(pos + 1, end);
            for (int i = 0; i < value.length(); i++) {
                char v = value.charAt(i);
                if (v == '\\') {
                    throw new InvalidSpecException(WHAT, text,
                            "backslash at index " + (start + 1 + i) + ": PEP 508 strings have no escapes");
                }
                if (Inputs.isUnprintable(v)) {
                    throw new InvalidSpecException(WHAT, text, String.format(
                            "control or invisible character U+%04X at index %d", (int) v, start + 1 + i));
                }
            }
            pos = end + 1;
            return value;
        }
        String word = readWord();
        if (word.isEmpty()) {
            throw error("expected a marker variable or a quoted string");
        }
        if (Character.isDigit(word.charAt(0))) {
            throw new InvalidSpecException(WHAT, text, "value " + Inputs.quote(word) + " at index " + start
                    + " must be quoted, e.g. \"" + word + "\"");
        }
        return MarkerVariable.byName(word).orElseThrow(() -> new InvalidSpecException(WHAT, text,
                "unknown marker variable " + Inputs.quote(word) + " at index " + start + " (expected one of"
                        + " python_version, python_full_version, os_name, sys_platform, platform_release,"
                        + " platform_system, platform_version, platform_machine, platform_python_implementation,"
                        + " implementation_name, implementation_version, extra, extras, dependency_groups)"));
    }

    private Op parseOp() {
        skipSpace();
        int start = pos;
        for (String symbol : new String[] {"===", "==", "~=", "!=", "<=", ">=", "<", ">"}) {
            if (text.startsWith(symbol, pos)) {
                pos += symbol.length();
                for (Op op : Op.values()) {
                    if (op.symbol.equals(symbol)) {
                        return op;
                    }
                }
            }
        }
        String word = readWord();
        if (word.equals("in")) {
            return Op.IN;
        }
        if (word.equals("not")) {
            int afterNot = pos;
            skipSpace();
            if (pos > afterNot && readWord().equals("in")) {
                return Op.NOT_IN;
            }
            pos = afterNot;
            throw error("expected 'in' after 'not'");
        }
        pos = start;
        throw error("expected a marker operator (one of <, <=, ==, !=, >=, >, ~=, ===, in, not in)");
    }

    /** Reads {@code [A-Za-z0-9_.]*} (variable names, with legacy dots, and keywords). */
    private String readWord() {
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.') {
                pos++;
            } else {
                break;
            }
        }
        return text.substring(start, pos);
    }

    /** Consumes the keyword if it is next (as a whole word). */
    private boolean keyword(String word) {
        skipSpace();
        int start = pos;
        if (readWord().equals(word)) {
            return true;
        }
        pos = start;
        return false;
    }

    private void skipSpace() {
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
            pos++;
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private InvalidSpecException error(String expected) {
        String found = pos < text.length() ? "found " + Inputs.quote(String.valueOf(text.charAt(pos)))
                : "found the end";
        return new InvalidSpecException(WHAT, text, expected + " at index " + pos + ", " + found);
    }
}
