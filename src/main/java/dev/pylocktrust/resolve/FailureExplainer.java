package dev.pylocktrust.resolve;

import dev.pylocktrust.resolve.Incompatibility.Derived;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the derivation graph of the final incompatibility into sentences, following PubGrub's error reporting:
 * each line explains one derived incompatibility from its two causes; a conclusion needed more than once gets a
 * line number and is referred to by it. The last line starts with "So,".
 *
 * <pre>
 * Because a&gt;=2.0 depends on b&lt;1 and you require b&gt;=1.5, a&gt;=2.0 cannot be used.
 * So, because you require a&gt;=2, your requirements cannot be satisfied.
 * </pre>
 */
final class FailureExplainer {
    private final TermFormatter format;
    private final Map<Incompatibility, Integer> outgoing = new IdentityHashMap<>();
    private final Map<Incompatibility, Integer> lineNumbers = new IdentityHashMap<>();
    private final List<String[]> lines = new ArrayList<>();
    private int nextNumber = 1;

    FailureExplainer(TermFormatter format) {
        this.format = format;
    }

    /** The explanation of why {@code failure} (a derived incompatibility) holds, one sentence per line. */
    String explain(Incompatibility failure) {
        if (!failure.isDerived()) {
            return capitalize(format.describe(failure)) + ".";
        }
        countOutgoing(failure, new IdentityHashMap<>());
        visit(failure);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String[] line = lines.get(i);
            String text = line[0];
            if (i == lines.size() - 1 && text.startsWith("And because")) {
                text = "So, because" + text.substring("And because".length());
            }
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(text);
            if (line[1] != null) {
                sb.append(" (").append(line[1]).append(')');
            }
        }
        return sb.toString();
    }

    private void countOutgoing(Incompatibility incompat, Map<Incompatibility, Boolean> seen) {
        if (seen.put(incompat, Boolean.TRUE) != null || !(incompat.cause() instanceof Derived d)) {
            return;
        }
        for (Incompatibility cause : List.of(d.cause1(), d.cause2())) {
            if (cause.isDerived()) {
                outgoing.merge(cause, 1, Integer::sum);
            }
            countOutgoing(cause, seen);
        }
    }

    private void visit(Incompatibility incompat) {
        Derived d = (Derived) incompat.cause();
        Incompatibility c1 = d.cause1();
        Incompatibility c2 = d.cause2();
        String conclusion = format.describe(incompat);
        if (c1.isDerived() && c2.isDerived()) {
            Integer n1 = lineNumbers.get(c1);
            Integer n2 = lineNumbers.get(c2);
            if (n1 != null && n2 != null) {
                write(incompat, "Because " + format.describe(c1) + " (" + n1 + ") and " + format.describe(c2)
                        + " (" + n2 + "), " + conclusion + ".");
            } else if (n1 != null || n2 != null) {
                Incompatibility numbered = n1 != null ? c1 : c2;
                visit(n1 != null ? c2 : c1);
                write(incompat, "And because " + format.describe(numbered) + " (" + lineNumbers.get(numbered)
                        + "), " + conclusion + ".");
            } else {
                Incompatibility simple = bothExternal(c1) ? c1 : bothExternal(c2) ? c2 : null;
                if (simple != null) {
                    visit(simple == c1 ? c2 : c1);
                    visit(simple);
                    write(incompat, "Thus, " + conclusion + ".");
                } else {
                    visit(c1);
                    int n = numberLastLine(c1);
                    lines.add(new String[] {"", null});
                    visit(c2);
                    write(incompat, "And because " + format.describe(c1) + " (" + n + "), " + conclusion + ".");
                }
            }
        } else if (c1.isDerived() || c2.isDerived()) {
            Incompatibility derived = c1.isDerived() ? c1 : c2;
            Incompatibility external = c1.isDerived() ? c2 : c1;
            Integer n = lineNumbers.get(derived);
            Derived inner = (Derived) derived.cause();
            Incompatibility priorDerived = inner.cause1().isDerived() == inner.cause2().isDerived() ? null
                    : inner.cause1().isDerived() ? inner.cause1() : inner.cause2();
            if (n != null) {
                write(incompat, "Because " + format.describe(external) + " and " + format.describe(derived) + " ("
                        + n + "), " + conclusion + ".");
            } else if (priorDerived != null && !lineNumbers.containsKey(priorDerived)
                    && outgoing.getOrDefault(derived, 0) < 2) {
                Incompatibility priorExternal = priorDerived == inner.cause1() ? inner.cause2() : inner.cause1();
                visit(priorDerived);
                write(incompat, "And because " + format.describeBoth(priorExternal, external) + ", " + conclusion
                        + ".");
            } else {
                visit(derived);
                write(incompat, "And because " + format.describe(external) + ", " + conclusion + ".");
            }
        } else {
            write(incompat, "Because " + format.describeBoth(c1, c2) + ", " + conclusion + ".");
        }
    }

    private static boolean bothExternal(Incompatibility incompat) {
        return incompat.cause() instanceof Derived d && !d.cause1().isDerived() && !d.cause2().isDerived();
    }

    private void write(Incompatibility incompat, String text) {
        lines.add(new String[] {text, null});
        if (outgoing.getOrDefault(incompat, 0) >= 2) {
            numberLastLine(incompat);
        }
    }

    private int numberLastLine(Incompatibility incompat) {
        String[] last = lines.get(lines.size() - 1);
        if (last[1] == null) {
            last[1] = Integer.toString(nextNumber++);
        }
        int n = Integer.parseInt(last[1]);
        lineNumbers.put(incompat, n);
        return n;
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
