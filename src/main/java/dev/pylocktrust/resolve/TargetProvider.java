package dev.pylocktrust.resolve;

import dev.pylocktrust.NetworkException;
import dev.pylocktrust.python.MarkerEnvironment;
import dev.pylocktrust.python.MarkerVariable;
import dev.pylocktrust.python.PackageName;
import dev.pylocktrust.python.Requirement;
import dev.pylocktrust.python.Specifier;
import dev.pylocktrust.python.SpecifierSet;
import dev.pylocktrust.python.TargetEnvironment;
import dev.pylocktrust.python.Version;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Python rules for one target environment, as a {@link DependencyProvider}: which releases the target can
 * install, which one to try (the locked version while it may stay, else the highest), and what a release depends on
 * (its metadata's {@code Requires-Dist}, markers evaluated for the target, extras as their own packages). Which
 * pre-releases and yanked releases each requirement admits is {@link ReleasePolicy}'s decision.
 */
final class TargetProvider implements DependencyProvider {
    private static final int DETAIL_LIMIT = 4;

    private final PackageSource source;
    private final TargetEnvironment target;
    private final MarkerEnvironment environment;
    private final ResolutionRequest request;
    private final ReleasePolicy policy;
    private final Map<PackageName, TargetVersions> versions = new HashMap<>();
    private final Map<PackageName, List<Requirement>> constraints = new HashMap<>();
    private final Map<PackageName, Integer> requestedOrder = new HashMap<>();
    private final Map<PackageName, Version> preferences;
    private final Map<String, List<Dependency>> dependencies = new HashMap<>();
    private final Map<String, Metadata> metadata = new HashMap<>();
    private final Set<ResolutionWarning> warnings = new LinkedHashSet<>();

    TargetProvider(PackageSource source, TargetEnvironment target, ResolutionRequest request, ResolverOptions options) {
        this.source = source;
        this.target = target;
        this.environment = target.markerEnvironment();
        this.request = request;
        this.policy = new ReleasePolicy(request, environment, options);
        this.preferences = request.preferences(environment);
        for (Requirement c : request.constraints()) {
            if (c.appliesTo(environment)) {
                constraints.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(c);
            }
        }
        List<RootRequirement> roots = request.requirements();
        for (int i = 0; i < roots.size(); i++) {
            requestedOrder.putIfAbsent(roots.get(i).requirement().name(), i);
        }
    }

    TargetEnvironment target() {
        return target;
    }

    List<ResolutionWarning> warnings() {
        return List.copyOf(warnings);
    }

    TargetVersions versions(PackageName name) {
        return versions.computeIfAbsent(name, n -> {
            TargetVersions tv = new TargetVersions(n, source.candidates(n), target);
            int guess = bestGuess(tv);
            if (guess >= 0) {
                source.prefetchMetadata(tv.candidate(guess));
            }
            return tv;
        });
    }

    /** The release most likely to be chosen, to fetch its metadata early. */
    private int bestGuess(TargetVersions tv) {
        Version preferred = preferences.get(tv.name());
        if (preferred != null && tv.indexOf(preferred) >= 0 && tv.usable(tv.indexOf(preferred))) {
            return tv.indexOf(preferred);
        }
        return tv.all().highest(i -> tv.usable(i) && !tv.yanked(i) && !tv.prerelease(i));
    }

    /** The metadata read for release {@code index} of {@code name}, if it was needed. */
    Metadata metadata(PackageName name, int index) {
        return metadata.get(name + "#" + index);
    }

    /** The dependencies computed for {@code key} at {@code index}, if they were needed. */
    List<Dependency> dependenciesOf(PackageKey key, int index) {
        return dependencies.get(key.identifier() + "#" + index);
    }

    @Override
    public int universeSize(PackageKey key) {
        return key.isRoot() ? 1 : versions(key.name()).size();
    }

    @Override
    public int requestedOrder(PackageKey key) {
        return key.kind() == PackageKey.Kind.PROJECT ? requestedOrder.getOrDefault(key.name(), -1) : -1;
    }

    @Override
    public List<Incompatibility> initialIncompatibilities(PackageKey key) {
        if (key.kind() != PackageKey.Kind.PROJECT) {
            return List.of();
        }
        List<Incompatibility> out = new ArrayList<>();
        TargetVersions tv = versions(key.name());
        for (Requirement c : constraints.getOrDefault(key.name(), List.of())) {
            VersionSet excluded = tv.matching(c.specifier()).complement().versionsOnly();
            if (!excluded.isEmpty()) {
                out.add(new Incompatibility(List.of(Term.positive(key, excluded, null)),
                        new Incompatibility.Constraint(c.toString())));
            }
        }
        return out;
    }

    // ---- choosing a version -----------------------------------------------------------------------------------

    @Override
    public Choice choose(PackageKey key, VersionSet allowed, List<Incompatibility> active) {
        if (key.isRoot()) {
            return new Chosen(0);
        }
        TargetVersions tv = versions(key.name());
        int preferred = preferredIndex(tv, key);
        if (preferred >= 0 && allowed.contains(preferred) && tv.usable(preferred)) {
            return chosen(tv, preferred);
        }
        if (preferred >= 0 && tv.yanked(preferred) && !allowed.contains(preferred)) {
            warnings.add(new ResolutionWarning(key.name(), key.name() + " " + tv.version(preferred)
                    + " is locked but now yanked" + yankSuffix(tv, preferred) + "; it is replaced"));
        }
        int best = allowed.highest(tv::usable);
        return best < 0 ? new NoneAvailable(whyNone(tv, allowed)) : chosen(tv, best);
    }

    private Choice chosen(TargetVersions tv, int index) {
        if (tv.yanked(index)) {
            warnings.add(new ResolutionWarning(tv.name(), tv.name() + " " + tv.version(index) + " is yanked"
                    + yankSuffix(tv, index) + "; selected only because a requirement pins it"));
        }
        return new Chosen(index);
    }

    private static String yankSuffix(TargetVersions tv, int index) {
        String reason = tv.yankReason(index);
        return reason.isEmpty() ? "" : ", with the reason \"" + reason + "\"";
    }

    private int preferredIndex(TargetVersions tv, PackageKey key) {
        Version v = preferences.get(key.name());
        return v == null ? -1 : tv.indexOf(v);
    }

    /** Why no version in {@code allowed} can be installed, newest first, at most a few. */
    private String whyNone(TargetVersions tv, VersionSet allowed) {
        Map<String, List<Version>> byReason = new LinkedHashMap<>();
        int listed = 0;
        for (int i = tv.size() - 1; i >= 0 && listed < DETAIL_LIMIT * 3; i--) {
            if (allowed.contains(i) && !tv.usable(i)) {
                byReason.computeIfAbsent(tv.unusableReason(i), r -> new ArrayList<>()).add(tv.version(i));
                listed++;
            }
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, List<Version>> e : byReason.entrySet()) {
            if (parts.size() == DETAIL_LIMIT) {
                break;
            }
            List<Version> vs = e.getValue();
            String who = vs.size() == 1 ? vs.get(0).toString() : vs.size() == 2 ? vs.get(0) + " and " + vs.get(1)
                    : vs.get(0) + ", " + vs.get(1) + " and " + (vs.size() - 2) + " more";
            String verb = vs.size() == 1 ? e.getKey()
                    : e.getKey().replaceFirst("^has ", "have ").replaceFirst("^requires ", "require ");
            parts.add(who + " " + verb);
        }
        return String.join("; ", parts);
    }

    // ---- dependencies -----------------------------------------------------------------------------------------

    @Override
    public Dependencies dependencies(PackageKey key, int index) {
        String id = key.identifier() + "#" + index;
        if (key.isRoot()) {
            List<Dependency> deps = rootDependencies();
            dependencies.put(id, deps);
            return new Known(deps);
        }
        TargetVersions tv = versions(key.name());
        Candidate candidate = tv.candidate(index);
        Metadata md = metadata(tv, index);
        if (md.requiresPython().isPresent() && !md.requiresPython().get().matches(target.pythonVersion())) {
            return new Unusable("requires Python " + md.requiresPython().get() + ", not "
                    + target.pythonVersion());
        }
        List<Requirement> requirements = new ArrayList<>();
        List<Dependency> deps = new ArrayList<>();
        if (key.kind() == PackageKey.Kind.EXTRA) {
            MarkerEnvironment withExtra = environment.withExtras(Set.of(key.extra()));
            for (Requirement r : md.requiresDist()) {
                if (r.marker().isPresent() && r.marker().get().variables().contains(MarkerVariable.EXTRA)
                        && r.appliesTo(withExtra)) {
                    requirements.add(r);
                }
            }
            if (requirements.isEmpty() && !md.providesExtra().contains(key.extra())) {
                warnings.add(new ResolutionWarning(key.name(), candidate + " does not provide the extra '"
                        + key.extra() + "'"));
            }
            SpecifierSet exact = SpecifierSet.of(List.of(Specifier.parse("==" + tv.version(index))));
            deps.add(new Dependency(key.base(), VersionSet.single(tv.size(), index), "==" + tv.version(index),
                    exact, null));
        } else {
            for (Requirement r : md.requiresDist()) {
                if (r.appliesTo(environment)) {
                    requirements.add(r);
                }
            }
        }
        List<PackageName> children = new ArrayList<>();
        for (Requirement r : requirements) {
            children.add(r.name());
        }
        source.prefetchCandidates(children);
        Map<PackageKey, Dependency> merged = toDependencies(requirements, null);
        Dependency self = merged.remove(key);
        if (self != null && !self.versions().contains(index)) {
            return new Unusable("depends on itself with " + key + self.label());
        }
        deps.addAll(merged.values());
        dependencies.put(id, List.copyOf(deps));
        return new Known(List.copyOf(deps));
    }

    private List<Dependency> rootDependencies() {
        List<Dependency> deps = new ArrayList<>();
        Set<PackageName> names = new TreeSet<>();
        for (RootRequirement r : request.requirements()) {
            if (r.requirement().appliesTo(environment)) {
                names.add(r.requirement().name());
            }
        }
        source.prefetchCandidates(names);
        // One dependency per requirement (not merged): each says where it came from.
        for (RootRequirement r : request.requirements()) {
            if (r.requirement().appliesTo(environment)) {
                deps.addAll(toDependencies(List.of(r.requirement()), r.origin()).values());
            }
        }
        return List.copyOf(deps);
    }

    /** Requirements to dependencies: an extra becomes its own package; requirements on one package intersect. */
    private Map<PackageKey, Dependency> toDependencies(List<Requirement> requirements, Origin origin) {
        Map<PackageKey, Dependency> out = new LinkedHashMap<>();
        for (Requirement r : requirements) {
            TargetVersions child = versions(r.name());
            List<PackageKey> keys = new ArrayList<>();
            if (r.extras().isEmpty()) {
                keys.add(PackageKey.project(r.name()));
            } else {
                r.extras().forEach(e -> keys.add(PackageKey.extra(r.name(), e)));
            }
            ReleasePolicy.Admitted admitted = policy.admit(r, child);
            String label = label(written(r.specifier()), admitted.note());
            for (PackageKey k : keys) {
                Dependency dep = new Dependency(k, admitted.versions(), label, r.specifier(), origin);
                out.merge(k, dep, (a, b) -> {
                    SpecifierSet both = a.specifier().and(b.specifier());
                    return new Dependency(k, a.versions().and(b.versions()), label(written(both), null), both,
                            origin);
                });
            }
        }
        return out;
    }

    /** A requirement's label with the policy note: {@code >=1.0 (excluding pre-release 2.0b1)}. */
    private static String label(String written, String note) {
        if (note == null) {
            return written;
        }
        return (written == null ? "" : written) + " (" + note + ")";
    }

    /** The clauses in the order written ({@code >=2.0,<3}), or null for "any version". */
    private static String written(SpecifierSet spec) {
        return spec.isEmpty() ? null
                : spec.specifiers().stream().map(Specifier::toString).collect(java.util.stream.Collectors.joining(","));
    }

    private Metadata metadata(TargetVersions tv, int index) {
        String id = tv.name() + "#" + index;
        Metadata md = metadata.get(id);
        if (md == null) {
            Candidate candidate = tv.candidate(index);
            md = source.metadata(candidate);
            if (!md.name().equals(candidate.name()) || !md.version().equals(candidate.version())) {
                throw new NetworkException("the index served metadata for " + md.name() + " " + md.version()
                        + " as the metadata of " + candidate + "; refusing to resolve with inconsistent metadata",
                        "check the index (or mirror) that serves " + candidate.name());
            }
            metadata.put(id, md);
        }
        return md;
    }
}
