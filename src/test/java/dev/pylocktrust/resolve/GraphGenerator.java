package dev.pylocktrust.resolve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random dependency graphs for the differential test and the benchmark, deterministic per seed.
 *
 * <p>Differential graphs exercise what pip 23.2.1 and pylock-trust define identically: version ranges of every
 * operator, conflicts that force backtracking, extras (with self-references), markers, yanked releases,
 * Requires-Python and constraints. Two rules are kept where the definitions coincide:
 * <ul>
 *   <li>Pre-releases sit above every final release; a dependency requires such a package without a specifier or
 *       with {@code >=}/{@code ==} on a final release; only the top-level requirements may name a pre-release.
 *       (pip's vendored packaging 21.3 never falls back to pre-releases for a non-empty specifier that no final
 *       release matches; and pip admits pre-releases when any requirement in force names one, pylock-trust per
 *       requirement: they agree when only the user names pre-releases.)
 *   <li>Only top-level requirements and constraints pin yanked releases (pip admits a yanked release when any
 *       requirement in force pins it, pylock-trust per requirement).
 * </ul>
 */
final class GraphGenerator {

    /** One release: Requires-Dist lines, extras (name to requirements), Requires-Python, yank reason. */
    record Release(String name, String version, List<String> requires, Map<String, List<String>> extras,
            String requiresPython, String yanked) {

        /** Requires-Dist lines including the extras' ({@code ; extra == "x"}). */
        List<String> requiresDist() {
            List<String> out = new ArrayList<>(requires);
            extras.forEach((extra, reqs) -> reqs.forEach(r -> {
                int semi = r.indexOf(';');
                out.add(semi < 0 ? r + "; extra == \"" + extra + "\""
                        : r.substring(0, semi) + "; (" + r.substring(semi + 1).strip() + ") and extra == \"" + extra
                                + "\"");
            }));
            return out;
        }

        String fakeIndexLine() {
            StringBuilder sb = new StringBuilder(name).append(' ').append(version);
            if (requiresPython != null) {
                sb.append(" [requires-python ").append(requiresPython).append(']');
            }
            if (yanked != null) {
                sb.append(" [yanked").append(yanked.isEmpty() ? "" : " " + yanked).append(']');
            }
            extras.forEach((e, reqs) -> sb.append(" [extra ").append(e).append(": ")
                    .append(String.join(", ", reqs)).append(']'));
            if (!requires.isEmpty()) {
                sb.append(": ").append(String.join(", ", requires));
            }
            return sb.toString();
        }
    }

    /** A generated problem: the index, the top-level requirements and constraints. */
    record Graph(long seed, List<Release> releases, List<String> roots, List<String> constraints) {
        FakeIndex toFakeIndex() {
            return FakeIndex.of(indexText());
        }

        String indexText() {
            StringBuilder sb = new StringBuilder();
            releases.forEach(r -> sb.append(r.fakeIndexLine()).append('\n'));
            return sb.toString();
        }

        @Override
        public String toString() {
            return "seed " + seed + "\nroots: " + String.join(" ", roots) + "\nconstraints: "
                    + String.join(" ", constraints) + "\n" + indexText();
        }
    }

    private static final String[] FINALS = {"1.0", "1.1", "1.2", "2.0", "2.1", "3.0"};
    private static final String[] TRUE_MARKERS = {"python_version >= \"3.8\"", "sys_platform == \"linux\"",
        "platform_machine == \"x86_64\"", "os_name == \"posix\"", "implementation_name == \"cpython\""};
    private static final String[] FALSE_MARKERS = {"python_version < \"3.10\"", "sys_platform == \"win32\"",
        "platform_system == \"Darwin\"", "python_full_version >= \"3.12.1\""};

    private GraphGenerator() {}

    /** A small graph (4 to 12 packages, 1 to 6 versions each) with every feature mixed in. */
    static Graph differential(long seed) {
        Random rnd = new Random(seed);
        int n = 4 + rnd.nextInt(9);
        List<Pkg> pkgs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pkgs.add(Pkg.random("p" + i, rnd));
        }
        for (Pkg p : pkgs) {
            for (String v : p.versions) {
                if (rnd.nextDouble() < 0.05) {
                    p.yanked.put(v, rnd.nextBoolean() ? "" : "broken");
                }
            }
        }
        List<Release> releases = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Pkg p = pkgs.get(i);
            for (String v : p.versions) {
                List<String> requires = new ArrayList<>();
                int deps = rnd.nextInt(5);
                for (int d = 0; d < deps; d++) {
                    int target = rnd.nextDouble() < 0.05 ? rnd.nextInt(n) : i + 1 + rnd.nextInt(Math.max(1, n - i - 1));
                    if (target >= n || target == i) {
                        continue;
                    }
                    String req = requirement(pkgs.get(target), rnd, true);
                    if (requires.stream().noneMatch(r -> r.split("[\\[<>=!~; ]")[0].equals(pkgs.get(target).name))) {
                        requires.add(req);
                    }
                }
                Map<String, List<String>> extras = new LinkedHashMap<>();
                for (String e : p.extras) {
                    List<String> reqs = new ArrayList<>();
                    if (e.equals("all")) {
                        p.extras.stream().filter(x -> !x.equals("all")).forEach(x -> reqs.add(p.name + "[" + x + "]"));
                    } else if (i + 1 < n) {
                        reqs.add(requirement(pkgs.get(i + 1 + rnd.nextInt(n - i - 1)), rnd, true));
                    }
                    extras.put(e, reqs);
                }
                String requiresPython = rnd.nextDouble() < 0.05 ? (rnd.nextBoolean() ? ">=3.12" : "<3.11")
                        : rnd.nextDouble() < 0.1 ? ">=3.8" : null;
                String yanked = p.yanked.get(v);
                releases.add(new Release(p.name, v, requires, extras, requiresPython, yanked));
            }
        }
        List<String> roots = new ArrayList<>();
        int rootCount = 1 + rnd.nextInt(3);
        for (int r = 0; r < rootCount; r++) {
            Pkg p = pkgs.get(rnd.nextInt(Math.min(3, n)));
            if (roots.stream().noneMatch(x -> x.split("[\\[<>=!~; ]")[0].equals(p.name))) {
                roots.add(rnd.nextBoolean() ? p.name : requirement(p, rnd, false));
            }
        }
        List<String> constraints = new ArrayList<>();
        if (rnd.nextDouble() < 0.2) {
            Pkg p = pkgs.get(rnd.nextInt(n));
            if (!p.hasPre) {
                String v = p.finals.get(rnd.nextInt(p.finals.size()));
                constraints.add(p.name + (rnd.nextBoolean() ? "!=" : "<=") + v);
            }
        }
        return new Graph(seed, releases, roots, constraints);
    }

    /** A requirement on {@code p} with a random specifier, extra and (for dependencies) marker. */
    private static String requirement(Pkg p, Random rnd, boolean dependency) {
        StringBuilder sb = new StringBuilder(p.name);
        if (!p.extras.isEmpty() && rnd.nextDouble() < 0.25) {
            sb.append('[').append(p.extras.get(rnd.nextInt(p.extras.size()))).append(']');
        }
        sb.append(specifier(p, rnd, dependency));
        if (dependency && rnd.nextDouble() < 0.15) {
            String[] pool = rnd.nextBoolean() ? TRUE_MARKERS : FALSE_MARKERS;
            sb.append("; ").append(pool[rnd.nextInt(pool.length)]);
        }
        return sb.toString();
    }

    private static String specifier(Pkg p, Random rnd, boolean dependency) {
        List<String> f = p.finals;
        if (f.isEmpty()) {
            return rnd.nextDouble() < 0.3 ? ">=" + p.versions.get(0) : "";
        }
        String any = f.get(rnd.nextInt(f.size()));
        double x = rnd.nextDouble();
        if (p.hasPre) {
            if (x < 0.4) {
                return "";
            }
            if (x < 0.7) {
                return ">=" + any;
            }
            if (x < 0.85) {
                return dependency && p.yanked.containsKey(any) ? ">=" + any : "==" + any;
            }
            return dependency ? "" : ">=" + p.versions.get(p.versions.size() - 1);
        }
        if (x < 0.3) {
            return "";
        }
        if (x < 0.48) {
            return ">=" + any;
        }
        if (x < 0.63) {
            // Never below the lowest release: that only makes trivially unsatisfiable graphs.
            return f.size() == 1 ? "<=" + any : "<" + f.get(1 + rnd.nextInt(f.size() - 1));
        }
        if (x < 0.71) {
            return dependency && p.yanked.containsKey(any) ? ">=" + any : "==" + any;
        }
        if (x < 0.78) {
            return "!=" + any;
        }
        if (x < 0.85) {
            return "~=" + any;
        }
        if (x < 0.9) {
            return "==" + any.charAt(0) + ".*";
        }
        String other = f.get(rnd.nextInt(f.size()));
        String lo = any.compareTo(other) <= 0 ? any : other;
        String hi = any.compareTo(other) <= 0 ? other : any;
        return ">=" + lo + ",<=" + hi;
    }

    /** A generated package: its versions (ascending), its finals, extras. */
    private static final class Pkg {
        final String name;
        final List<String> versions = new ArrayList<>();
        final List<String> finals = new ArrayList<>();
        final List<String> extras = new ArrayList<>();
        final Map<String, String> yanked = new LinkedHashMap<>();
        boolean hasPre;

        Pkg(String name) {
            this.name = name;
        }

        static Pkg random(String name, Random rnd) {
            Pkg p = new Pkg(name);
            if (rnd.nextDouble() < 0.05) {
                p.versions.add("1.0a1");
                p.versions.add("1.0b1");
                p.hasPre = true;
            } else {
                int count = 1 + rnd.nextInt(6);
                int start = rnd.nextInt(FINALS.length - count + 1);
                for (int i = start; i < start + count; i++) {
                    p.versions.add(FINALS[i]);
                    p.finals.add(FINALS[i]);
                }
                if (rnd.nextDouble() < 0.15) {
                    p.versions.add("4.0" + (rnd.nextBoolean() ? "b1" : "rc1"));
                    p.hasPre = true;
                }
            }
            if (rnd.nextDouble() < 0.2) {
                p.extras.add("x");
                if (rnd.nextBoolean()) {
                    p.extras.add("y");
                    if (rnd.nextBoolean()) {
                        p.extras.add("all");
                    }
                }
            }
            return p;
        }
    }

    /**
     * The benchmark graph: {@code packages} projects with {@code versions} releases each; every release depends on
     * three later projects, mostly with lower bounds, sometimes with upper bounds that force backtracking; the
     * root requires the first ten.
     */
    static Graph benchmark(long seed, int packages, int versions) {
        Random rnd = new Random(seed);
        List<Release> releases = new ArrayList<>();
        for (int i = 0; i < packages; i++) {
            int[] targets = new int[3];
            for (int t = 0; t < 3; t++) {
                targets[t] = i + 1 + rnd.nextInt(30);
            }
            for (int v = 1; v <= versions; v++) {
                List<String> requires = new ArrayList<>();
                for (int t : targets) {
                    if (t >= packages || requires.stream().anyMatch(r -> r.startsWith("b" + t + ">")
                            || r.startsWith("b" + t + "<") || r.equals("b" + t))) {
                        continue;
                    }
                    double x = rnd.nextDouble();
                    String spec = x < 0.55 ? ">=" + Math.max(1, v - 1 - rnd.nextInt(6)) + ".0"
                            : x < 0.65 ? "<" + (versions - rnd.nextInt(versions / 2)) + ".0" : "";
                    requires.add("b" + t + spec);
                }
                releases.add(new Release("b" + i, v + ".0", requires, Map.of(), null, null));
            }
        }
        List<String> roots = new ArrayList<>();
        for (int i = 0; i < Math.min(10, packages); i++) {
            roots.add("b" + i);
        }
        return new Graph(seed, releases, roots, List.of());
    }
}
