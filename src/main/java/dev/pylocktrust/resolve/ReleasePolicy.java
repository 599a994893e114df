package dev.pylocktrust.resolve;

import dev.pylocktrust.python.MarkerEnvironment;
import dev.pylocktrust.python.PackageName;
import dev.pylocktrust.python.Requirement;
import dev.pylocktrust.python.Specifier;
import dev.pylocktrust.python.SpecifierSet;
import dev.pylocktrust.python.Version;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which releases a requirement admits beyond its version specifier: the PEP 440 pre-release rule and the PEP 592
 * yanked rule, applied to each requirement on its own, as both PEPs word them.
 *
 * <ul>
 *   <li>A pre-release is admitted if {@code --pre} is given, if the user's own requirements or constraints name a
 *       pre-release of that package ({@code pkg>=2.0b1} on the command line: "explicitly requested by the user"),
 *       if this requirement names one ({@code >=2.0b1}), if only pre-releases satisfy it, or if the package has no
 *       final release at all.
 *   <li>A yanked release is admitted only if this requirement, or one of the user's requirements or constraints,
 *       pins it exactly ({@code ==1.2}, not {@code ==1.*}; or {@code ===1.2}).
 * </ul>
 *
 * <p>Because the rules are decided per requirement, before the search, every fact the search learns stays true:
 * no solution is missed because a pre-release was ruled out while the requirement asking for it was not yet in view.
 * pip decides on the requirements in force at the moment it picks a version, which is path-dependent; the two
 * differ only when one requirement on a package admits a pre-release or yanked release and another does not (pip
 * may then take it, pylock-trust does not).
 */
final class ReleasePolicy {
    private static final int NOTE_LIMIT = 2;

    private final boolean allPrereleases;
    private final Set<PackageName> userPrereleases = new HashSet<>();
    private final Map<PackageName, List<SpecifierSet>> userPins = new HashMap<>();

    /** What a requirement admits, and a note naming releases the specifier matches but the rules leave out. */
    record Admitted(VersionSet versions, String note) {}

    ReleasePolicy(ResolutionRequest request, MarkerEnvironment env, ResolverOptions options) {
        this.allPrereleases = options.prereleases();
        List<Requirement> user = new ArrayList<>();
        request.requirements().forEach(r -> user.add(r.requirement()));
        user.addAll(request.constraints());
        for (Requirement r : user) {
            if (!r.appliesTo(env)) {
                continue;
            }
            if (r.specifier().impliesPrereleases()) {
                userPrereleases.add(r.name());
            }
            if (pins(r.specifier())) {
                userPins.computeIfAbsent(r.name(), n -> new ArrayList<>()).add(r.specifier());
            }
        }
    }

    /** The releases of {@code child} that requirement {@code r} admits. */
    Admitted admit(Requirement r, TargetVersions child) {
        SpecifierSet spec = r.specifier();
        boolean anyFinal = false;
        boolean finalMatches = false;
        for (int i = 0; i < child.size(); i++) {
            if (child.usable(i) && !child.prerelease(i)) {
                anyFinal = true;
                finalMatches |= spec.matches(child.version(i));
            }
        }
        boolean prereleases = allPrereleases || !anyFinal || !finalMatches || spec.impliesPrereleases()
                || userPrereleases.contains(child.name());
        List<SpecifierSet> pins = new ArrayList<>(userPins.getOrDefault(child.name(), List.of()));
        if (pins(spec)) {
            pins.add(spec);
        }
        VersionSet matching = child.matching(spec);
        VersionSet admitted = VersionSet.of(child.size(), i -> matching.contains(i)
                && (prereleases || !child.prerelease(i))
                && (!child.yanked(i) || pinsExactly(pins, child.version(i))));
        return new Admitted(admitted, note(child, matching, admitted));
    }

    /**
     * Names the highest usable releases the specifier matches but the rules leave out ("excluding pre-release 2.0b1
     * and yanked 1.9"), or, when nothing is left, says what it would take ("only yanked 2.0 matches; ..."); null when
     * nothing usable was left out.
     */
    private static String note(TargetVersions child, VersionSet matching, VersionSet admitted) {
        List<String> parts = new ArrayList<>();
        boolean yanked = false;
        for (int i = child.size() - 1; i >= 0 && parts.size() < NOTE_LIMIT; i--) {
            if (matching.contains(i) && !admitted.contains(i) && child.usable(i)) {
                parts.add((child.prerelease(i) ? "pre-release " : "yanked ") + child.version(i));
                yanked |= !child.prerelease(i);
            }
        }
        if (parts.isEmpty()) {
            return null;
        }
        if (admitted.isEmpty()) {
            return "only " + String.join(" and ", parts) + " match" + (parts.size() == 1 ? "es" : "")
                    + (yanked ? "; a yanked release needs an exact pin such as ==" + parts.get(0)
                            .substring(parts.get(0).lastIndexOf(' ') + 1) : "");
        }
        return "excluding " + String.join(" and ", parts);
    }

    private static boolean pins(SpecifierSet spec) {
        for (Specifier s : spec.specifiers()) {
            if (s.operator() == Specifier.Operator.ARBITRARY
                    || (s.operator() == Specifier.Operator.EQUAL && !s.isWildcard())) {
                return true;
            }
        }
        return false;
    }

    /** Whether one of {@code pins} has an exact clause ({@code ==v}, {@code ===v}) that {@code v} matches. */
    private static boolean pinsExactly(List<SpecifierSet> pins, Version v) {
        for (SpecifierSet set : pins) {
            for (Specifier s : set.specifiers()) {
                boolean exact = s.operator() == Specifier.Operator.ARBITRARY
                        || (s.operator() == Specifier.Operator.EQUAL && !s.isWildcard());
                if (exact && s.matches(v) && set.matches(v)) {
                    return true;
                }
            }
        }
        return false;
    }
}
