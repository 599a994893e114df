package dev.pylocktrust.diff;

import dev.pylocktrust.Ascii;
import static dev.pylocktrust.report.MarkdownText.quote;

import dev.pylocktrust.attest.Publisher;
import dev.pylocktrust.diff.Change.AddedIdentity;
import dev.pylocktrust.lock.ApprovedIdentityChange;
import dev.pylocktrust.lock.AttestationIdentity;
import dev.pylocktrust.report.Link;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a reviewer reads for each change: a stable code, a one-line message, detail lines, a hint and links. Data
 * from the lockfiles is always written with {@code quote} (between backticks), the convention the Markdown renderer
 * relies on to show it as code.
 */
final class ChangeWording {
    /** The words for one change. */
    record Words(String code, String message, String detail, String hint, Optional<String> file, List<Link> links) {}

    private static final String NONE = "(none)";

    private ChangeWording() {}

    static Words of(Change change) {
        if (change instanceof Change.IdentityChanged c) {
            return identityChanged(c);
        }
        if (change instanceof Change.AttestationsLost c) {
            return attestationsLost(c);
        }
        if (change instanceof Change.HashChanged c) {
            return hashChanged(c);
        }
        if (change instanceof Change.FilesFromNewHost c) {
            return filesFromNewHost(c);
        }
        if (change instanceof Change.IndexChanged c) {
            return new Words("index-changed", "index changed: " + quote(c.from()) + " -> "
                    + quote(c.to()), "", "files from another index can be different files with the same names: make "
                    + "sure the new index is one you trust", Optional.empty(), List.of());
        }
        if (change instanceof Change.SourceChanged c) {
            return new Words("source-changed", c.what() + " changed: " + quote(c.from())
                    + " -> " + quote(c.to()), "", c.risk() == Risk.INTEGRITY ? "the package now comes from "
                    + "somewhere else: check the new source before merging" : "", Optional.empty(), List.of());
        }
        if (change instanceof Change.PackageAdded c) {
            return packageAdded(c);
        }
        if (change instanceof Change.PackageRemoved c) {
            return new Words("package-removed", "removed" + c.version()
                    .map(v -> " (was " + quote(v) + ")").orElse("") + (c.identities().isEmpty() ? ""
                    : ", was attested by " + identities(c.identities())), "", "", Optional.empty(), List.of());
        }
        if (change instanceof Change.IdentitiesFirstRecorded c) {
            return new Words("identity-first-recorded",
                    "identity recorded for the first time: " + identities(c.identities()),
                    "BASE recorded no identity for this package; from now on, verify expects this publisher "
                            + "(trust on first use)",
                    "check that this is the project's real repository and release workflow", Optional.empty(),
                    IdentityLinks.of(c.identities()));
        }
        if (change instanceof Change.VersionChanged c) {
            return new Words(c.downgrade() ? "version-downgraded" : "version-upgraded",
                    (c.downgrade() ? "downgraded " : "upgraded ") + quote(c.from()) + " -> " + quote(c.to())
                            + (c.downgrade() ? " (a downgrade: make sure it is intended)" : ""),
                    "", "", Optional.empty(), List.of());
        }
        if (change instanceof Change.FilesChanged c) {
            return filesChanged(c);
        }
        if (change instanceof Change.MarkerChanged c) {
            return new Words("marker-changed", "marker changed: " + opt(c.from()) + " -> "
                    + opt(c.to()), "", "", Optional.empty(), List.of());
        }
        if (change instanceof Change.RequiresPythonChanged c) {
            return new Words("requires-python-changed", "requires-python changed: "
                    + opt(c.from()) + " -> " + opt(c.to()), "", "", Optional.empty(), List.of());
        }
        if (change instanceof Change.EnvironmentsChanged c) {
            return new Words("environments-changed", "environments changed: "
                    + optList(c.from()) + " -> " + optList(c.to()), "", "", Optional.empty(), List.of());
        }
        if (change instanceof Change.IdentitiesRemoved c) {
            return new Words("identity-removed", "identity no longer recorded: "
                    + identities(c.removed()) + " (still recorded: " + identities(c.remaining()) + ")", "", "",
                    Optional.empty(), List.of());
        }
        if (change instanceof Change.PolicyChanged c) {
            return policyChanged(c);
        }
        throw new IllegalArgumentException("unknown change " + change);
    }

    private static Words identityChanged(Change.IdentityChanged c) {
        List<AttestationIdentity> added = c.added().stream().map(AddedIdentity::identity).toList();
        String transition = c.removed().isEmpty()
                ? identities(added) + " added next to " + identities(c.before())
                : identities(c.removed()) + " -> " + identities(added);
        String message = (c.approved() ? "identity changed (approved): " : "identity changed, not approved: ")
                + transition;
        List<String> detail = new ArrayList<>();
        if (c.removed().size() == 1 && added.size() == 1) {
            String fields = fieldChanges(c.removed().get(0), added.get(0));
            if (!fields.isEmpty()) {
                detail.add("changed: " + fields);
            }
        }
        for (AddedIdentity a : c.added()) {
            String who = added.size() > 1 ? " for " + quote(IdentityView.describe(a.identity())) : "";
            detail.add(a.approval().map(ap -> "approved in HEAD's [tool.pylock-trust]" + who + " on " + ap.date()
                    + ap.approvedBy().map(by -> " by " + quote(by)).orElse("") + ": " + quote(ap.reason()))
                    .orElse("not approved" + who + ": HEAD's [tool.pylock-trust] has no approved-identity-changes "
                            + "entry from BASE's identity to this one"));
        }
        String hint = c.approved()
                ? "check the approval's reason with the project (release notes, repository settings) before merging"
                : "if the new publisher is legitimate (e.g. the project moved), record an approval with "
                        + quote("pylock-trust lock --accept-identity-change " + c.packageName() + " --reason \"...\"")
                        + "; otherwise do not merge: the package may have been taken over";
        List<Link> links = new ArrayList<>(IdentityLinks.of(c.removed()));
        IdentityLinks.of(added).stream().filter(l -> !links.contains(l)).forEach(links::add);
        return new Words("identity-changed", message, String.join("\n", detail), hint, Optional.empty(), links);
    }

    /** For two identities: each key whose value differs, e.g. {@code repository `a/b` -> `c/b`}. */
    static String fieldChanges(AttestationIdentity before, AttestationIdentity after) {
        SortedMap<String, String> a = table(before);
        SortedMap<String, String> b = table(after);
        TreeSet<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        List<String> parts = new ArrayList<>();
        for (String key : keys) {
            String x = a.get(key);
            String y = b.get(key);
            if (x == null || !x.equals(y)) {
                parts.add(key + " " + (x == null ? NONE : quote(x)) + " -> " + (y == null ? NONE : quote(y)));
            }
        }
        return String.join("; ", parts);
    }

    /** The identity as the attestation layer writes it (environment omitted when empty), else its raw keys. */
    private static SortedMap<String, String> table(AttestationIdentity id) {
        try {
            return Publisher.fromTable(id.fields().toMap()).toIdentityTable();
        } catch (IllegalArgumentException e) {
            SortedMap<String, String> raw = new TreeMap<>();
            id.fields().toMap().forEach((k, v) -> raw.put(k, String.valueOf(v)));
            return raw;
        }
    }

    private static Words attestationsLost(Change.AttestationsLost c) {
        String version = c.baseVersion().equals(c.headVersion()) || c.headVersion().isEmpty() ? ""
                : " (version " + opt(c.baseVersion()) + " -> " + quote(c.headVersion().get()) + ")";
        String message;
        List<String> detail = new ArrayList<>();
        Optional<String> file = Optional.empty();
        if (c.files().isEmpty()) {
            message = "attestations lost: BASE records " + identities(c.baseIdentities())
                    + ", HEAD records no identity" + version;
        } else if (c.files().size() == 1) {
            Change.LostFile f = c.files().get(0);
            file = Optional.of(f.filename());
            message = "attestation lost for " + quote(f.filename()) + ": HEAD records " + quote(f.headStatus())
                    + ", BASE's " + quote(f.baseFilename()) + " was verified";
        } else {
            message = "attestations lost for " + c.files().size() + " files: BASE's counterparts were verified"
                    + version;
            for (Change.LostFile f : c.files()) {
                detail.add(quote(f.filename()) + ": " + quote(f.headStatus()) + " (BASE: " + quote(f.baseFilename())
                        + " verified)");
            }
        }
        if (c.allowedUnattested()) {
            detail.add("HEAD's [tool.pylock-trust] allows this package without attestations (allow-unattested)");
        }
        String hint = c.allowedUnattested()
                ? "check that the allow-unattested exception is intended"
                : "a package that published attestations stopped: the new files may not come from its usual "
                        + "publisher. Check who published them on the index before merging";
        return new Words("attestations-lost", message, String.join("\n", detail), hint, file,
                IdentityLinks.of(c.baseIdentities()));
    }

    private static Words hashChanged(Change.HashChanged c) {
        List<String> detail = new ArrayList<>();
        for (Change.FileHashes f : c.files()) {
            if (!f.comparable()) {
                detail.add(quote(f.filename()) + ": no hash algorithm in common: BASE " + quote(f.base().toString())
                        + ", HEAD " + quote(f.head().toString()));
                continue;
            }
            for (Map.Entry<String, String> e : f.head().entrySet()) {
                String before = f.base().get(e.getKey());
                if (before != null && !Ascii.equalsIgnoreCase(before, e.getValue())) {
                    detail.add(quote(f.filename()) + ": " + e.getKey() + " " + quote(before) + " -> "
                            + quote(e.getValue()));
                }
            }
        }
        Optional<String> file = c.files().size() == 1 ? Optional.of(c.files().get(0).filename()) : Optional.empty();
        String message = c.files().size() == 1
                ? quote(c.files().get(0).filename()) + ": same file name and version, different hash"
                : c.files().size() + " files with the same name and version have different hashes";
        return new Words("hash-changed", message, String.join("\n", detail), "an index never changes a published "
                + "file: a different hash means a different file. Find out where HEAD's file came from before merging",
                file, List.of());
    }

    private static Words filesFromNewHost(Change.FilesFromNewHost c) {
        List<String> origins = c.files().stream().map(Change.MovedFile::headOrigin).distinct().toList();
        String base = c.baseOrigins().stream().map(o -> quote(o)).collect(Collectors.joining(", "));
        String message = (c.files().size() == 1 ? quote(c.files().get(0).filename()) + " comes from "
                : c.files().size() + " files come from ") + origins.stream().map(o -> quote(o))
                .collect(Collectors.joining(", ")) + ", not from BASE's " + base;
        List<String> detail = new ArrayList<>();
        for (Change.MovedFile f : c.files()) {
            detail.add(quote(f.filename()) + ": " + f.baseLocation().map(l -> quote(l) + " -> ").orElse("new, from ")
                    + quote(f.headLocation()));
        }
        Optional<String> file = c.files().size() == 1 ? Optional.of(c.files().get(0).filename()) : Optional.empty();
        return new Words("file-host-changed", message, String.join("\n", detail),
                "make sure the new host is an index or mirror you trust", file, List.of());
    }

    private static Words packageAdded(Change.PackageAdded c) {
        String what = "new package" + c.version().map(v -> " " + quote(v)).orElse("")
                + (c.source().equals("index") ? "" : " (" + c.source() + " source)");
        if (c.attested()) {
            return new Words("package-added", what + ", attested by " + identities(c.identities()), "",
                    "from now on, verify expects this publisher: check that it is the project's real repository",
                    Optional.empty(), IdentityLinks.of(c.identities()));
        }
        return new Words("package-added", what + " without attestation identities"
                + (c.allowedUnattested() ? " (allowed by allow-unattested)" : ""), "",
                c.allowedUnattested() ? "" : "nothing records who publishes it: if it publishes attestations, lock "
                        + "with pylock-trust to record them", Optional.empty(), List.of());
    }

    private static Words filesChanged(Change.FilesChanged c) {
        List<String> parts = new ArrayList<>();
        boolean few = c.added().size() + c.removed().size() + c.relocated().size() <= 3;
        list(parts, "added", c.added(), few);
        list(parts, "removed", c.removed(), few);
        list(parts, "moved on the same host", c.relocated(), few);
        return new Words("files-changed", "files changed in " + quote(c.version()) + ": " + String.join("; ", parts),
                "", "", Optional.empty(), List.of());
    }

    private static void list(List<String> parts, String what, List<String> files, boolean names) {
        if (!files.isEmpty()) {
            parts.add(what + " " + (names ? files.stream().map(f -> quote(f)).collect(Collectors.joining(", "))
                    : Verdict.plural(files.size(), "file", "files")));
        }
    }

    private static Words policyChanged(Change.PolicyChanged c) {
        String code = "policy-" + c.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        String message = switch (c.kind()) {
            case APPROVAL_ADDED -> "approval added for an identity change: " + approval(c.approval().orElseThrow());
            case APPROVAL_REMOVED -> "approval removed: " + approval(c.approval().orElseThrow());
            case ALLOW_UNATTESTED_ADDED -> "added to allow-unattested: may now be installed without attestations";
            case ALLOW_UNATTESTED_REMOVED -> "removed from allow-unattested";
            case REQUIRE_ATTESTATIONS_ADDED -> "added to require-attestations";
            case REQUIRE_ATTESTATIONS_REMOVED -> "removed from require-attestations: no longer has to be attested";
        };
        String detail = c.approval().map(a -> "approved on " + a.date() + a.approvedBy().map(by -> " by "
                + quote(by)).orElse("") + ": " + quote(a.reason())).orElse("");
        return new Words(code, message, detail, c.kind().weakens() ? "this makes HEAD accept more than BASE: make "
                + "sure a second person has reviewed it" : "", Optional.empty(),
                c.approval().map(a -> IdentityLinks.of(List.of(a.from(), a.to()))).orElse(List.of()));
    }

    private static String approval(ApprovedIdentityChange a) {
        return quote(IdentityView.describe(a.from())) + " -> " + quote(IdentityView.describe(a.to()));
    }

    static String identities(List<AttestationIdentity> ids) {
        return ids.isEmpty() ? NONE : ids.stream().map(id -> quote(IdentityView.describe(id)))
                .collect(Collectors.joining(", "));
    }

    private static String opt(Optional<String> s) {
        return s.map(v -> quote(Locations.redact(v))).orElse(NONE);
    }

    private static String optList(Optional<List<String>> list) {
        return list.map(l -> quote(l.toString())).orElse(NONE);
    }
}
