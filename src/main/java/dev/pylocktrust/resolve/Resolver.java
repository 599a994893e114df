package dev.pylocktrust.resolve;

import dev.pylocktrust.python.PackageName;
import dev.pylocktrust.python.TargetEnvironment;
import dev.pylocktrust.python.Version;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Resolves requirements into one version per package for target environments.
 *
 * <pre>{@code
 * Resolver resolver = new Resolver(source, ResolverOptions.DEFAULT);
 * Resolution linux = resolver.resolve(ResolutionRequest.of("requests>=2.31"),
 *         TargetEnvironment.parse("3.12-manylinux_2_28_x86_64"));
 * MergedResolution all = resolver.resolve(request, Targets.defaults());
 * }</pre>
 *
 * <p>The search is PubGrub (see {@link PubGrubSolver}); the Python rules (targets, pre-releases, yanked files,
 * extras, markers, Requires-Python, locked versions) are applied by {@link TargetProvider}. A failure throws
 * {@link ResolutionException} whose message explains why, step by step.
 */
public final class Resolver {
    private final PackageSource source;
    private final ResolverOptions options;

    public Resolver(PackageSource source, ResolverOptions options) {
        this.source = Objects.requireNonNull(source, "source");
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Resolves for one target environment.
     *
     * @throws ResolutionException if no set of versions satisfies the requirements (message: the derivation chain)
     * @throws MetadataUnavailableException if a needed release's dependencies cannot be read without a build
     */
    public Resolution resolve(ResolutionRequest request, TargetEnvironment target) {
        TargetProvider provider = new TargetProvider(source, target, request, options);
        PubGrubSolver solver = new PubGrubSolver(provider, options.maxSteps());
        Map<PackageKey, Integer> decisions;
        try {
            decisions = solver.solve();
        } catch (PubGrubSolver.NoSolution e) {
            java.util.function.Function<PackageKey, List<Version>> universe = key -> key.isRoot()
                    ? List.of(Version.parse("0")) : versionsOf(provider.versions(key.name()));
            String why = new FailureExplainer(new TermFormatter(universe)).explain(e.incompatibility());
            Set<String> unknown = new TreeSet<>();
            notOnIndex(e.incompatibility(), universe, unknown);
            if (!unknown.isEmpty()) {
                // A name the index does not have: most often a typo or the wrong index, not a version conflict.
                throw new ResolutionException("cannot resolve the requirements for " + target + ":\n" + why,
                        "the index has no project named " + String.join(", ", unknown) + ": check the spelling, "
                                + "and that --index-url is the index that serves it");
            }
            throw new ResolutionException("cannot resolve the requirements for " + target + ":\n" + why,
                    "change or drop one of the requirements named above, or lock fewer target environments");
        } catch (PubGrubSolver.TooComplex e) {
            throw new ResolutionException("cannot resolve the requirements for " + target + ": gave up after "
                    + options.maxSteps() + " steps without finding a solution or a proof that none exists",
                    "narrow the requirements (e.g. add lower bounds) so fewer combinations need trying");
        }
        PubGrubSolver.Stats s = solver.stats();
        return new Resolution(target, packages(provider, decisions), provider.warnings(),
                new Resolution.Stats(s.decisions(), s.conflicts(), s.steps()));
    }

    /**
     * Resolves for each target environment and merges the results into one lock: packages that several targets share
     * appear once, with markers saying where each applies.
     *
     * @throws ResolutionException if any target fails (the message names the target), or if two targets that
     *     markers cannot tell apart need different versions
     */
    public MergedResolution resolve(ResolutionRequest request, List<TargetEnvironment> targets) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no target environments");
        }
        Map<TargetEnvironment, Resolution> results = new java.util.LinkedHashMap<>();
        for (TargetEnvironment t : targets) {
            results.put(t, resolve(request, t));
        }
        return EnvironmentMerger.merge(results);
    }

    /** The projects a failure's derivation requires that have no version at all on the index. */
    private static void notOnIndex(Incompatibility i, java.util.function.Function<PackageKey, List<Version>> universe,
                                   Set<String> out) {
        if (i.cause() instanceof Incompatibility.Derived d) {
            notOnIndex(d.cause1(), universe, out);
            notOnIndex(d.cause2(), universe, out);
        } else if (i.cause() instanceof Incompatibility.Dependency dep && dep.child().kind() == PackageKey.Kind.PROJECT
                && universe.apply(dep.child()).isEmpty()) {
            out.add(dep.child().name().value());
        }
    }

    private static List<Version> versionsOf(TargetVersions tv) {
        List<Version> out = new ArrayList<>(tv.size());
        for (int i = 0; i < tv.size(); i++) {
            out.add(tv.version(i));
        }
        return out;
    }

    private static TreeMap<PackageName, ResolvedPackage> packages(TargetProvider provider,
            Map<PackageKey, Integer> decisions) {
        Map<PackageKey, Set<Origin>> origins = origins(provider, decisions);
        Map<PackageName, Set<String>> extras = new HashMap<>();
        Map<PackageName, Set<PackageName>> dependencies = new HashMap<>();
        Map<PackageName, Set<Origin>> originsByName = new HashMap<>();
        for (Map.Entry<PackageKey, Integer> e : decisions.entrySet()) {
            PackageKey key = e.getKey();
            if (key.isRoot()) {
                continue;
            }
            if (key.kind() == PackageKey.Kind.EXTRA) {
                extras.computeIfAbsent(key.name(), n -> new TreeSet<>()).add(key.extra());
            }
            Set<PackageName> deps = dependencies.computeIfAbsent(key.name(), n -> new TreeSet<>());
            for (DependencyProvider.Dependency d : provider.dependenciesOf(key, e.getValue())) {
                if (!d.child().name().equals(key.name())) {
                    deps.add(d.child().name());
                }
            }
            originsByName.computeIfAbsent(key.name(), n -> new HashSet<>())
                    .addAll(origins.getOrDefault(key, Set.of()));
        }
        TreeMap<PackageName, ResolvedPackage> out = new TreeMap<>();
        for (Map.Entry<PackageKey, Integer> e : decisions.entrySet()) {
            PackageKey key = e.getKey();
            if (key.kind() != PackageKey.Kind.PROJECT) {
                continue;
            }
            TargetVersions tv = provider.versions(key.name());
            int i = e.getValue();
            Metadata md = provider.metadata(key.name(), i);
            out.put(key.name(), new ResolvedPackage(key.name(), tv.version(i), tv.candidate(i),
                    tv.installableFiles(i), md == null ? java.util.Optional.empty() : md.requiresPython(),
                    extras.getOrDefault(key.name(), Set.of()), dependencies.get(key.name()),
                    originsByName.getOrDefault(key.name(), Set.of())));
        }
        return out;
    }

    /** For each selected package, which origins (main, extras, groups) reach it through selected dependencies. */
    private static Map<PackageKey, Set<Origin>> origins(TargetProvider provider, Map<PackageKey, Integer> decisions) {
        Map<PackageKey, Set<Origin>> out = new HashMap<>();
        Deque<Object[]> queue = new ArrayDeque<>();
        for (DependencyProvider.Dependency d : provider.dependenciesOf(PackageKey.ROOT, 0)) {
            queue.add(new Object[] {d.child(), d.origin()});
        }
        while (!queue.isEmpty()) {
            Object[] item = queue.poll();
            PackageKey key = (PackageKey) item[0];
            Origin origin = (Origin) item[1];
            Integer version = decisions.get(key);
            if (version == null || !out.computeIfAbsent(key, k -> new HashSet<>()).add(origin)) {
                continue;
            }
            for (DependencyProvider.Dependency d : provider.dependenciesOf(key, version)) {
                queue.add(new Object[] {d.child(), origin});
            }
        }
        return out;
    }
}
