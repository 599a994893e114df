package dev.pylocktrust.resolve;

import dev.pylocktrust.IoErrors;
import dev.pylocktrust.UsageException;
import dev.pylocktrust.python.InvalidSpecException;
import dev.pylocktrust.python.PackageName;
import dev.pylocktrust.python.Requirement;
import dev.pylocktrust.python.SpecifierSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * The dependency declarations of a {@code pyproject.toml}: {@code [project].dependencies}, {@code [project]
 * .optional-dependencies} (extras) and {@code [dependency-groups]} (PEP 735, with {@code include-group}).
 *
 * <p>Rules applied: extra and group names are normalized (PEP 685 / PEP 735) and two spellings of one name are an
 * error; {@code include-group} cycles and unknown groups are errors naming the chain; a requirement on the project
 * itself ({@code myproject[test]}, common in {@code all = [...]} extras) is expanded into that project's own
 * dependencies and extras instead of being looked up on the index; dependencies declared {@code dynamic} cannot be
 * locked (that needs the build backend) and are refused. Errors name the file and the key
 * ({@code [project].dependencies[1]}).
 */
public final class Pyproject {
    /** Far above any real pyproject.toml. */
    static final int MAX_BYTES = 1 << 20;
    static final int MAX_REQUIREMENTS = 10_000;

    private final String source;
    private final PackageName name;
    private final SpecifierSet requiresPython;
    private final Set<String> dynamic;
    private final List<Requirement> dependencies;
    private final Map<String, List<Requirement>> optionalDependencies;
    private final Map<String, List<Object>> rawGroups;
    private final Map<String, List<Requirement>> dependencyGroups = new LinkedHashMap<>();
    private int requirementCount;

    private Pyproject(String source, TomlTable toml) {
        this.source = source;
        TomlTable project = table(toml, "project", "[project]");
        this.name = project == null || project.get("name") == null ? null
                : parsePart("[project].name", () -> PackageName.of(string(project, "name", "[project].name")));
        String rp = project == null ? null : project.get("requires-python") == null ? null
                : string(project, "requires-python", "[project].requires-python");
        this.requiresPython = rp == null ? null : parsePart("[project].requires-python", () -> SpecifierSet.parse(rp));
        this.dynamic = new LinkedHashSet<>();
        if (project != null && project.get("dynamic") != null) {
            TomlArray d = array(project, "dynamic", "[project].dynamic");
            for (int i = 0; i < d.size(); i++) {
                dynamic.add(String.valueOf(d.get(i)));
            }
        }
        this.dependencies = project == null ? List.of() : requirements(project, "dependencies", "[project].dependencies");
        this.optionalDependencies = new LinkedHashMap<>();
        TomlTable optional = project == null ? null
                : table(project, "optional-dependencies", "[project.optional-dependencies]");
        if (optional != null) {
            for (String key : optional.keySet()) {
                String where = "[project.optional-dependencies]." + key;
                String extra = normalizedName(key, where, "extra");
                if (optionalDependencies.containsKey(extra)) {
                    throw error(where, "extra '" + key + "' is declared twice (names compare normalized: '" + extra
                            + "')");
                }
                optionalDependencies.put(extra, requirements(optional, List.of(key), where));
            }
        }
        this.rawGroups = new LinkedHashMap<>();
        TomlTable groups = table(toml, "dependency-groups", "[dependency-groups]");
        if (groups != null) {
            for (String key : groups.keySet()) {
                String where = "[dependency-groups]." + key;
                String group = normalizedName(key, where, "dependency group");
                if (rawGroups.containsKey(group)) {
                    throw error(where, "dependency group '" + key + "' is declared twice (names compare normalized: '"
                            + group + "')");
                }
                rawGroups.put(group, groupEntries(groups, key, where));
            }
        }
        for (String group : rawGroups.keySet()) {
            expandGroup(group, new ArrayList<>());
        }
    }

    /**
     * Parses the text of a {@code pyproject.toml}.
     *
     * @param source how to name the file in errors (e.g. its path)
     * @throws UsageException for invalid TOML or invalid declarations, naming the file, line and key
     */
    public static Pyproject parse(String text, String source) {
        if (text.length() > MAX_BYTES) {
            throw new UsageException(source + ": larger than " + MAX_BYTES + " bytes; not a pyproject.toml");
        }
        TomlParseResult toml;
        try {
            toml = Toml.parse(text);
        } catch (StackOverflowError e) {
            throw new UsageException(source + ": invalid TOML: nested too deeply to parse");
        } catch (RuntimeException | AssertionError e) {
            // tomlj 1.1.1 throws on some malformed input instead of reporting it (see LockfileReader).
            throw new UsageException(source + ": invalid TOML: a malformed escape sequence or value");
        }
        if (toml.hasErrors()) {
            var e = toml.errors().get(0);
            throw new UsageException(source + ": invalid TOML at line " + e.position().line() + ": "
                    + e.getMessage().replaceAll("\\p{Cntrl}", "?"));
        }
        return new Pyproject(source, toml);
    }

    /** Reads and parses a {@code pyproject.toml} file. */
    public static Pyproject read(Path file) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new UsageException(file + ": larger than " + MAX_BYTES + " bytes; not a pyproject.toml");
            }
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + IoErrors.reason(e), e);
        }
    }

    public Optional<PackageName> name() {
        return Optional.ofNullable(name);
    }

    /** {@code [project].requires-python}. */
    public Optional<SpecifierSet> requiresPython() {
        return Optional.ofNullable(requiresPython);
    }

    /** Extra names, normalized, in file order. */
    public Set<String> extras() {
        return optionalDependencies.keySet();
    }

    /** Dependency group names, normalized, in file order. */
    public Set<String> groups() {
        return rawGroups.keySet();
    }

    /**
     * The top-level requirements: {@code [project].dependencies}, plus the requested extras and groups, each tagged
     * with its origin. Requirements on the project itself are expanded.
     *
     * @throws UsageException for an unknown extra or group (listing the declared ones), or dynamic dependencies
     */
    public List<RootRequirement> requirements(Set<String> extras, boolean allExtras, Set<String> groups) {
        if (dynamic.contains("dependencies")) {
            throw error("[project].dynamic", "[project].dependencies is dynamic; pylock-trust does not run build"
                    + " backends, so it cannot know them", "declare the dependencies statically in [project]");
        }
        List<RootRequirement> out = new ArrayList<>();
        expandSelf(dependencies, Origin.MAIN, out, new LinkedHashSet<>());
        Set<String> wanted = new LinkedHashSet<>();
        if (allExtras) {
            wanted.addAll(optionalDependencies.keySet());
        }
        for (String e : extras) {
            String n = PackageName.normalize(e);
            if (!optionalDependencies.containsKey(n)) {
                if (dynamic.contains("optional-dependencies")) {
                    throw error("[project].dynamic", "[project].optional-dependencies is dynamic; pylock-trust"
                            + " cannot know extra '" + e + "'");
                }
                throw new UsageException(source + ": no extra '" + e + "' in [project.optional-dependencies]",
                        "declared extras: " + (optionalDependencies.isEmpty() ? "none"
                                : String.join(", ", optionalDependencies.keySet())));
            }
            wanted.add(n);
        }
        for (String e : wanted) {
            expandSelf(optionalDependencies.get(e), new Origin.Extra(e), out, new LinkedHashSet<>(List.of(e)));
        }
        for (String g : groups) {
            String n = PackageName.normalize(g);
            if (!dependencyGroups.containsKey(n)) {
                throw new UsageException(source + ": no dependency group '" + g + "' in [dependency-groups]",
                        "declared groups: " + (dependencyGroups.isEmpty() ? "none"
                                : String.join(", ", dependencyGroups.keySet())));
            }
            expandSelf(dependencyGroups.get(n), new Origin.Group(n), out, new LinkedHashSet<>());
        }
        return out;
    }

    /** Replaces requirements on this project ({@code me[test]}) by its own dependencies and those extras. */
    private void expandSelf(List<Requirement> requirements, Origin origin, List<RootRequirement> out,
            Set<String> expandedExtras) {
        for (Requirement r : requirements) {
            if (name == null || !r.name().equals(name)) {
                out.add(new RootRequirement(r, origin));
                continue;
            }
            expandSelf(withMarker(dependencies, r), origin, out, expandedExtras);
            for (String extra : r.extras()) {
                if (!optionalDependencies.containsKey(extra)) {
                    throw new UsageException(source + ": '" + r + "' requests extra '" + extra + "' of " + name
                            + ", which [project.optional-dependencies] does not declare");
                }
                if (expandedExtras.add(extra)) {
                    expandSelf(withMarker(optionalDependencies.get(extra), r), origin, out, expandedExtras);
                }
            }
        }
    }

    /** {@code requirements}, each also conditional on {@code via}'s marker (if any). */
    private static List<Requirement> withMarker(List<Requirement> requirements, Requirement via) {
        if (via.marker().isEmpty()) {
            return requirements;
        }
        List<Requirement> out = new ArrayList<>();
        for (Requirement r : requirements) {
            String marker = r.marker().map(m -> "(" + m + ") and (" + via.marker().get() + ")")
                    .orElse(via.marker().get().toString());
            String base = r.marker().isEmpty() ? r.toString() : r.toString().substring(0, r.toString().indexOf(';'));
            out.add(Requirement.parse(base + "; " + marker));
        }
        return out;
    }

    private List<Requirement> expandGroup(String group, List<String> chain) {
        List<Requirement> done = dependencyGroups.get(group);
        if (done != null) {
            return done;
        }
        if (chain.contains(group)) {
            List<String> cycle = new ArrayList<>(chain.subList(chain.indexOf(group), chain.size()));
            cycle.add(group);
            throw error("[dependency-groups]." + group, "dependency group '" + group + "' includes itself: "
                    + String.join(" -> ", cycle));
        }
        chain.add(group);
        List<Requirement> out = new ArrayList<>();
        for (Object entry : rawGroups.get(group)) {
            if (entry instanceof Requirement r) {
                out.add(r);
            } else {
                String included = (String) entry;
                if (!rawGroups.containsKey(included)) {
                    throw error("[dependency-groups]." + group, "include-group '" + included
                            + "' names no dependency group");
                }
                out.addAll(expandGroup(included, chain));
            }
        }
        chain.remove(chain.size() - 1);
        List<Requirement> result = List.copyOf(out);
        dependencyGroups.put(group, result);
        return result;
    }

    /** A group's entries: requirements, or the normalized name of an included group. */
    private List<Object> groupEntries(TomlTable groups, String key, String where) {
        TomlArray array = array(groups, List.of(key), where);
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            Object item = array.get(i);
            String at = where + "[" + i + "]";
            if (item instanceof String s) {
                out.add(requirement(s, at));
            } else if (item instanceof TomlTable t) {
                if (!t.keySet().equals(Set.of("include-group")) || !(t.get("include-group") instanceof String)) {
                    throw error(at, "a table in a dependency group must be {include-group = \"name\"} and nothing"
                            + " else");
                }
                out.add(normalizedName(t.getString("include-group"), at, "dependency group"));
            } else {
                throw error(at, "expected a requirement string or {include-group = \"name\"}");
            }
        }
        return out;
    }

    private List<Requirement> requirements(TomlTable table, String key, String where) {
        return table.get(key) == null ? List.of() : requirements(table, List.of(key), where);
    }

    private List<Requirement> requirements(TomlTable table, List<String> key, String where) {
        TomlArray array = array(table, key, where);
        List<Requirement> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (!(array.get(i) instanceof String s)) {
                throw error(where + "[" + i + "]", "expected a requirement string");
            }
            out.add(requirement(s, where + "[" + i + "]"));
        }
        return out;
    }

    // No line numbers for array items: tomlj 1.1.1 reports the position of the preceding separator, not the item.
    private Requirement requirement(String text, String where) {
        if (++requirementCount > MAX_REQUIREMENTS) {
            throw error(where, "more than " + MAX_REQUIREMENTS + " requirements");
        }
        try {
            return Requirement.parse(text);
        } catch (InvalidSpecException e) {
            throw error(where, e.getMessage());
        }
    }

    private String normalizedName(String raw, String where, String what) {
        return parsePart(where, () -> {
            if (!PackageName.isValid(raw)) {
                throw new UsageException(source + ": " + where + ": invalid " + what + " name " + "'"
                        + raw.replaceAll("\\p{Cntrl}", "?") + "' (letters, digits, '.', '_' and '-')");
            }
            return PackageName.normalize(raw);
        });
    }

    private <T> T parsePart(String where, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InvalidSpecException e) {
            throw error(where, e.getMessage());
        }
    }

    private TomlTable table(TomlTable parent, String key, String where) {
        Object v = parent.get(List.of(key));
        if (v == null) {
            return null;
        }
        if (!(v instanceof TomlTable t)) {
            throw error(where, "expected a table");
        }
        return t;
    }

    private TomlArray array(TomlTable parent, String key, String where) {
        return array(parent, List.of(key), where);
    }

    private TomlArray array(TomlTable parent, List<String> key, String where) {
        Object v = parent.get(key);
        if (!(v instanceof TomlArray a)) {
            throw error(where, "expected an array");
        }
        return a;
    }

    private String string(TomlTable parent, String key, String where) {
        Object v = parent.get(List.of(key));
        if (!(v instanceof String s)) {
            throw error(where, "expected a string");
        }
        return s;
    }

    private UsageException error(String where, String message, String... hints) {
        return new UsageException(source + ": " + where + ": " + message, hints);
    }
}
