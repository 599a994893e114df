package dev.pylocktrust.lock;

import dev.pylocktrust.UsageException;
import dev.pylocktrust.python.PackageName;
import dev.pylocktrust.python.Requirement;
import dev.pylocktrust.python.TargetEnvironment;
import dev.pylocktrust.policy.SourceLocation;
import dev.pylocktrust.resolve.Pyproject;
import dev.pylocktrust.resolve.ResolutionRequest;
import dev.pylocktrust.resolve.ResolverOptions;
import dev.pylocktrust.resolve.RootRequirement;
import dev.pylocktrust.resolve.Targets;
import dev.pylocktrust.resolve.UpgradePolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The inputs of {@code lock} when it resolves, as the user gave them, turned into a {@link Locker.Source.Resolve}.
 * Everything is read and checked here, before any request: requirement arguments and files, {@code pyproject.toml}
 * files (recognized by name), constraints, extras and groups, target environments and the upgrade policy.
 *
 * @param requirements requirement arguments
 * @param files {@code -r} files: requirements files, or {@code pyproject.toml}
 * @param constraints {@code -c} files
 * @param extras {@code --extra} names
 * @param allExtras {@code --all-extras}
 * @param groups {@code --group} names
 * @param pythonVersions {@code --python-version} values (empty: the default)
 * @param platforms {@code --platform} tags (empty: the defaults)
 * @param upgrade {@code --upgrade}
 * @param upgradePackages {@code --upgrade-package} names
 * @param prereleases {@code --pre}
 */
public record ResolveInputs(List<String> requirements, List<Path> files, List<Path> constraints, List<String> extras,
                            boolean allExtras, List<String> groups, List<String> pythonVersions,
                            List<String> platforms, boolean upgrade, List<String> upgradePackages,
                            boolean prereleases) {

    public ResolveInputs {
        requirements = List.copyOf(requirements);
        files = List.copyOf(files);
        constraints = List.copyOf(constraints);
        extras = List.copyOf(extras);
        groups = List.copyOf(groups);
        pythonVersions = List.copyOf(pythonVersions);
        platforms = List.copyOf(platforms);
        upgradePackages = List.copyOf(upgradePackages);
    }

    /** Whether {@code -r FILE} names a {@code pyproject.toml} rather than a requirements file. */
    public static boolean isPyproject(Path file) {
        Path name = file.getFileName();
        return name != null && name.toString().equals("pyproject.toml");
    }

    /** The first option given that only resolution uses, if any: it must not be ignored with --no-deps. */
    public Optional<String> resolutionOnlyOption() {
        if (!constraints.isEmpty()) {
            return Optional.of("-c/--constraint");
        }
        if (!extras.isEmpty() || allExtras) {
            return Optional.of(allExtras ? "--all-extras" : "--extra");
        }
        if (!groups.isEmpty()) {
            return Optional.of("--group");
        }
        if (!pythonVersions.isEmpty() || !platforms.isEmpty()) {
            return Optional.of(pythonVersions.isEmpty() ? "--platform" : "--python-version");
        }
        if (upgrade || !upgradePackages.isEmpty()) {
            return Optional.of(upgrade ? "--upgrade" : "--upgrade-package");
        }
        if (prereleases) {
            return Optional.of("--pre");
        }
        return files.stream().filter(ResolveInputs::isPyproject).findFirst().map(f -> "-r " + f);
    }

    /**
     * @throws UsageException for anything wrong in the inputs, naming the file and line or key
     */
    public Locker.Source.Resolve source() {
        List<RootRequirement> roots = new ArrayList<>();
        Map<PackageName, SourceLocation> locations = new LinkedHashMap<>();
        List<RequirementLine> lines = new ArrayList<>(RequirementsFile.fromArguments(requirements));
        List<Pyproject> projects = new ArrayList<>();
        for (Path f : files) {
            if (isPyproject(f)) {
                projects.add(Pyproject.read(f));
            } else {
                lines.addAll(RequirementsFile.read(f));
            }
        }
        for (RequirementLine line : noHashes(lines)) {
            roots.add(RootRequirement.main(line.requirement()));
            line.origin().location().ifPresent(l -> locations.putIfAbsent(line.requirement().name(), l));
        }
        Set<String> extraNames = normalized(extras, "--extra");
        Set<String> groupNames = normalized(groups, "--group");
        if (projects.isEmpty() && (allExtras || !extraNames.isEmpty() || !groupNames.isEmpty())) {
            throw new UsageException((allExtras ? "--all-extras" : extraNames.isEmpty() ? "--group" : "--extra")
                    + " needs a pyproject.toml to take extras and groups from", "add -r pyproject.toml");
        }
        List<TargetEnvironment> targets = Targets.of(pythonVersions, platforms);
        Set<String> lockedExtras = new LinkedHashSet<>(extraNames);
        for (Pyproject p : projects) {
            checkRequiresPython(p, targets);
            roots.addAll(p.requirements(extraNames, allExtras, groupNames));
            if (allExtras) {
                lockedExtras.addAll(p.extras());
            }
        }
        List<Requirement> constraintList = new ArrayList<>();
        for (Path f : constraints) {
            noHashes(RequirementsFile.read(f)).forEach(l -> constraintList.add(l.requirement()));
        }
        UpgradePolicy policy = upgrade ? UpgradePolicy.ALL
                : upgradePackages.isEmpty() ? UpgradePolicy.KEEP_LOCKED
                : UpgradePolicy.only(normalized(upgradePackages, "--upgrade-package").stream().map(PackageName::of)
                        .collect(java.util.stream.Collectors.toSet()));
        ResolutionRequest request = new ResolutionRequest(roots, constraintList, List.of(), policy);
        return new Locker.Source.Resolve(request, targets, ResolverOptions.DEFAULT.withPrereleases(prereleases),
                lockedExtras.stream().sorted().toList(), groupNames.stream().sorted().toList(), locations);
    }

    /** With resolution, the lock chooses and pins files itself; {@code --hash} belongs to complete pinned sets. */
    private static List<RequirementLine> noHashes(List<RequirementLine> lines) {
        for (RequirementLine l : lines) {
            if (!l.sha256().isEmpty()) {
                throw RequirementsParser.error(l.origin(), "--hash needs --no-deps: when pylock-trust resolves, it "
                        + "chooses the files and records their hashes itself",
                        "add --no-deps if this is a complete pinned set (such as pip-compile --generate-hashes "
                                + "output), or drop the --hash options");
            }
        }
        return lines;
    }

    private static Set<String> normalized(List<String> names, String option) {
        Set<String> out = new LinkedHashSet<>();
        for (String n : names) {
            if (!PackageName.isValid(n)) {
                throw new UsageException(option + " '" + n.replaceAll("\\p{Cntrl}", "?") + "' is not a valid name",
                        "names are letters, digits, '.', '_' and '-'");
            }
            out.add(PackageName.normalize(n));
        }
        return out;
    }

    /** A target the project itself excludes would lock something nobody can install. */
    private static void checkRequiresPython(Pyproject project, List<TargetEnvironment> targets) {
        project.requiresPython().ifPresent(rp -> {
            for (TargetEnvironment t : targets) {
                if (!rp.matches(t.pythonVersion())) {
                    throw new UsageException("the project requires Python " + rp + " ([project].requires-python), "
                            + "but the target " + t + " has Python " + t.pythonVersion(),
                            "choose targets the project supports, e.g. --python-version X.Y");
                }
            }
        });
    }
}
