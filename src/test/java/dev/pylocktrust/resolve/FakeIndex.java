package dev.pylocktrust.resolve;

import dev.pylocktrust.python.PackageName;
import dev.pylocktrust.python.Requirement;
import dev.pylocktrust.python.SpecifierSet;
import dev.pylocktrust.python.Version;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory index for resolver tests. Releases default to one {@code py3-none-any} wheel. A compact text form
 * describes whole graphs, one release per line:
 *
 * <pre>
 * a 1.0: b>=1, c; sys_platform == "win32"
 * a 2.0 [requires-python >=3.13] [yanked]: b>=2
 * b 1.0 [extra test: pytest] [files b-1.0.tar.gz]
 * </pre>
 */
final class FakeIndex implements PackageSource {
    private final Map<PackageName, List<Release>> releases = new LinkedHashMap<>();
    private final AtomicInteger candidateRequests = new AtomicInteger();
    private final AtomicInteger metadataRequests = new AtomicInteger();
    private final Map<String, AtomicInteger> metadataByRelease = new ConcurrentHashMap<>();

    /** A release being described. */
    final class Release {
        final PackageName name;
        final Version version;
        final List<String> requires = new ArrayList<>();
        final Set<String> extras = new LinkedHashSet<>();
        final List<String> files = new ArrayList<>();
        String requiresPython;
        String metadataRequiresPython;
        String yanked;
        String metadataError;
        PackageName metadataName;

        Release(String name, String version) {
            this.name = PackageName.of(name);
            this.version = Version.parse(version);
        }

        Release requires(String... requirements) {
            requires.addAll(List.of(requirements));
            return this;
        }

        /** Declares extra {@code extra} (Provides-Extra) adding these requirements. */
        Release extra(String extra, String... requirements) {
            extras.add(extra);
            for (String r : requirements) {
                int semi = r.indexOf(';');
                requires.add(semi < 0 ? r + "; extra == \"" + extra + "\""
                        : r.substring(0, semi) + "; (" + r.substring(semi + 1).strip() + ") and extra == \"" + extra
                                + "\"");
            }
            return this;
        }

        Release requiresPython(String spec) {
            this.requiresPython = spec;
            return this;
        }

        /** Requires-Python in the metadata only (the index entry does not say). */
        Release metadataRequiresPython(String spec) {
            this.metadataRequiresPython = spec;
            return this;
        }

        Release yanked(String reason) {
            this.yanked = reason;
            return this;
        }

        /** Replaces the default wheel with these filenames. */
        Release files(String... filenames) {
            files.clear();
            files.addAll(List.of(filenames));
            return this;
        }

        /** {@link #metadata} will throw {@link MetadataUnavailableException} with this message. */
        Release metadataUnavailable(String message) {
            this.metadataError = message;
            return this;
        }

        /** The metadata will claim to be for another project (an inconsistent index). */
        Release metadataName(String other) {
            this.metadataName = PackageName.of(other);
            return this;
        }

        Candidate candidate() {
            List<String> names = files.isEmpty()
                    ? List.of(name.filenameForm() + "-" + version + "-py3-none-any.whl") : files;
            List<DistFile> list = new ArrayList<>();
            for (String f : names) {
                DistFile plain = DistFile.of(f);
                list.add(new DistFile(plain.filename(),
                        Optional.ofNullable(requiresPython).map(SpecifierSet::parse),
                        Optional.ofNullable(yanked), true, Optional.empty()));
            }
            return new Candidate(name, version, list);
        }

        Metadata metadata() {
            if (metadataError != null) {
                throw new MetadataUnavailableException(metadataError);
            }
            return new Metadata(metadataName != null ? metadataName : name, version,
                    requires.stream().map(Requirement::parse).toList(),
                    Optional.ofNullable(metadataRequiresPython != null ? metadataRequiresPython : requiresPython)
                            .map(SpecifierSet::parse), extras);
        }
    }

    Release add(String name, String version) {
        Release r = new Release(name, version);
        releases.computeIfAbsent(r.name, n -> new ArrayList<>()).add(r);
        return r;
    }

    /** Parses the compact text form (see class doc); blank lines and {@code #} comments are skipped. */
    static FakeIndex of(String text) {
        FakeIndex index = new FakeIndex();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = -1;
            for (int i = 0, depth = 0; i < line.length() && colon < 0; i++) {
                char c = line.charAt(i);
                depth += c == '[' ? 1 : c == ']' ? -1 : 0;
                colon = c == ':' && depth == 0 ? i : -1;
            }
            String head = colon < 0 ? line : line.substring(0, colon);
            String deps = colon < 0 ? "" : line.substring(colon + 1).strip();
            String[] nameVersion = head.substring(0, head.contains("[") ? head.indexOf('[') : head.length()).strip()
                    .split("\\s+");
            Release r = index.add(nameVersion[0], nameVersion[1]);
            for (String opt : options(head)) {
                if (opt.startsWith("requires-python ")) {
                    r.requiresPython(opt.substring("requires-python ".length()));
                } else if (opt.equals("yanked")) {
                    r.yanked("");
                } else if (opt.startsWith("yanked ")) {
                    r.yanked(opt.substring("yanked ".length()));
                } else if (opt.startsWith("extra ")) {
                    String[] parts = opt.substring("extra ".length()).split(":", 2);
                    r.extra(parts[0].strip(), parts.length < 2 || parts[1].isBlank() ? new String[0]
                            : splitRequirements(parts[1]));
                } else if (opt.startsWith("files ")) {
                    r.files(opt.substring("files ".length()).strip().split("\\s+"));
                } else {
                    throw new IllegalArgumentException("unknown option [" + opt + "] in: " + line);
                }
            }
            if (!deps.isEmpty()) {
                r.requires(splitRequirements(deps));
            }
        }
        return index;
    }

    /** The top-level {@code [...]} groups of a release line's head (brackets may nest: {@code pkg[test]}). */
    private static List<String> options(String head) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = -1;
        for (int i = 0; i < head.length(); i++) {
            char c = head.charAt(i);
            if (c == '[' && depth++ == 0) {
                start = i + 1;
            } else if (c == ']' && --depth == 0) {
                out.add(head.substring(start, i).strip());
            }
        }
        return out;
    }

    /**
     * Splits {@code b>=1,<2, c; sys_platform == "win32"} into requirements: a comma followed by a letter or digit
     * starts a new requirement, any other comma separates specifier clauses (markers here never contain commas).
     */
    private static String[] splitRequirements(String deps) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String piece : deps.split(",")) {
            String p = piece.strip();
            if (!p.isEmpty() && Character.isLetterOrDigit(p.charAt(0)) && current.length() > 0) {
                out.add(current.toString());
                current.setLength(0);
            } else if (current.length() > 0) {
                current.append(',');
            }
            current.append(p);
        }
        if (current.length() > 0) {
            out.add(current.toString());
        }
        return out.toArray(new String[0]);
    }

    @Override
    public List<Candidate> candidates(PackageName name) {
        candidateRequests.incrementAndGet();
        return releases.getOrDefault(name, List.of()).stream().map(Release::candidate).toList();
    }

    @Override
    public Metadata metadata(Candidate candidate) {
        metadataRequests.incrementAndGet();
        metadataByRelease.computeIfAbsent(candidate.toString(), k -> new AtomicInteger()).incrementAndGet();
        for (Release r : releases.getOrDefault(candidate.name(), List.of())) {
            if (r.version.equals(candidate.version())) {
                return r.metadata();
            }
        }
        throw new IllegalStateException("no such release " + candidate);
    }

    List<Release> releases(PackageName name) {
        return releases.get(name);
    }

    int candidateRequests() {
        return candidateRequests.get();
    }

    int metadataRequests() {
        return metadataRequests.get();
    }

    /** How often the metadata of {@code name version} was read. */
    int metadataRequests(String name, String version) {
        AtomicInteger n = metadataByRelease.get(PackageName.of(name) + " " + Version.parse(version));
        return n == null ? 0 : n.get();
    }
}
