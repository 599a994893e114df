package dev.pylocktrust.diff;

import dev.pylocktrust.Ascii;
import static dev.pylocktrust.report.MarkdownText.quote;

import dev.pylocktrust.attest.Publisher;
import dev.pylocktrust.diff.Change.AddedIdentity;
import dev.pylocktrust.lock.ApprovedIdentityChange;
import dev.pylocktrust.lock.AttestationIdentity;
import dev.pylocktrust.policy.Explain;
import dev.pylocktrust.policy.FindingCode;
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
    record Words(FindingCode code, String message, String detail, String hint, Optional<String> file, List<Link> links) {}

    private static final String NONE = "(none)";

    private ChangeWording() {}

    static Words of(Change change) {
        if (change instanceof Change.IdentityChanged c) {
            return identityChanged(c);
        }
        if (change instanceof Change.IdentityAmbiguous c) {
            return identityAmbiguous(c);
        }
        if (change instanceof Change.AttestationsLost c) {
            return attestationsLost(c);
        }
        if (change instanceof Change.Inconsistent c) {
            return new Words(FindingCode.LOCK_INCONSISTENT, "HEAD contradicts itself: " + c.finding().message(),
                    c.finding().detail(), c.finding().hint(), c.finding().file(), List.of());
        }
        if (change instanceof Change.HashChanged c) {
            return hashChanged(c);
        }
        if (change instanceof Change.FilesFromNewHost c) {
            return filesFromNewHost(c);
        }
        if (change instanceof Change.IndexChanged c) {
            return new Words(FindingCode.INDEX_CHANGED, "index changed: " + quote(c.from()) + " -> "
                    + quote(c.to()), "", "files from another index can be different files with the same names: make "
                    + "sure the new index is one you trust", Optional.empty(), List.of());
        }
        if (change instanceof Change.SourceChanged c) {
            return new Words(FindingCode.SOURCE_CHANGED, c.what() + " changed: " + quote(c.from())
                    + " -> " + quote(c.to()), "", c.risk() == Risk.INTEGRITY ? "the package now comes from "
                    + "somewhere else: check the new source before merging" : "", Optional.empty(), List.of());
        }
        if (change instanceof Change.PackageAdded c) {
            return packageAdded(c);
        }
        if (change instanceof Change.PackageRemoved c) {
            return new Words(FindingCode.PACKAGE_REMOVED, "removed" + c.version()
                    .map(v -> " (was " + quote(v) + ")").orElse("") + (c.identities().isEmpty() ? ""
                    : ", was attested by " + identities(c.identities())), "", "", Optional.empty(), List.of());
        }
        if (change instanceof Change.IdentitiesFirstRecorded c) {
            return new Words(FindingCode.FIRST_USE,
                    "identity recorded for the first time: " + identities(c.identities()),
                    "BASE recorded no identity for this package; from now on, verify expects this publisher "
                            + "(trust on first use)",
                    "check that this is the project's real repository and release workflow", Optional.empty(),
                    IdentityLinks.of(c.identities()));
        }
        if (change instanceof Change.VersionChanged c) {
            return new Words(c.downgrade() ? FindingCode.VERSION_DOWNGRADED : FindingCode.VERSION_UPGRADED,
                    (c.downgrade() ? "downgraded " : "upgraded ") + quote(c.from()) + " -> " + quote(c.to())
                            + (c.downgrade() ? " (a downgrade: make sure it is intended)" : ""),
                    "", "", Optional.empty(), List.of());
        }
        if (change instanceof Change.FilesChanged c) {
            return filesChanged(c);
        }
        if (change instanceof Change.MarkerChanged c) {
            return new Words(FindingCode.MARKER_CHANGED, "marker changed: " + opt(c.from()) + " -> "
                    + opt(c.to()), "", "", Optional.empty(), List.of());
        }
        if (change instanceof Change.RequiresPythonChanged c) {
            return new Words(FindingCode.REQUIRES_PYTHON_CHANGED, "requires-python changed: "
                    + opt(c.from()) + " -> " + opt(c.to()), "", "", Optional.empty(), List.of());
        }
        if (change instanceof Change.EnvironmentsChanged c) {
            return new Words(FindingCode.ENVIRONMENTS_CHANGED, "environments changed: "
                    + optList(c.from()) + " -> " + optList(c.to()), "", "", Optional.empty(), List.of());
        }
        if (change instanceof Change.IdentitiesRemoved c) {
            return new Words(FindingCode.IDENTITY_REMOVED, "identity no longer recorded: "
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
        String transition = c.added().stream().allMatch(Change.AddedIdentity::recreated)
                ? identities(added) + " with other signed ids than BASE records"
                : c.removed().isEmpty() ? identities(added) + " added next to " + identities(c.before())
                : identities(c.removed()) + " -> " + identities(added);
        boolean recreated = c.added().stream().anyMatch(Change.AddedIdentity::recreated);
        String message = (recreated ? "identity re-created" : "identity changed")
                + (c.approved() ? " (approved): " : ", not approved: ") + transition;
        List<String> detail = new ArrayList<>();
        if (c.removed().size() == 1 && added.size() == 1) {
            String fields = fieldChanges(c.removed().get(0), added.get(0));
            if (!fields.isEmpty()) {
                detail.add("changed: " + fields);
            }
        }
        for (AddedIdentity a : c.added()) {
            String who = added.size() > 1 ? " for " + quote(IdentityView.describe(a.identity())) : "";
            if (a.recreated()) {
                detail.add("same names, other signed ids" + who + ": BASE records " + quote(a.fromIds().describe())
                        + ", HEAD " + quote(a.toIds().describe()) + ": the repository or its owner was deleted and "
                        + "re-created");
            }
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
        FindingCode code = c.approved() ? FindingCode.IDENTITY_CHANGE_APPROVED
                : recreated ? FindingCode.IDENTITY_RECREATED : FindingCode.IDENTITY_CHANGED;
        return new Words(code, message, String.join("\n", detail), hint, Optional.empty(), links);
    }

    private static Words identityAmbiguous(Change.IdentityAmbiguous c) {
        List<String> detail = new ArrayList<>();
        for (AddedIdentity a : c.pairs()) {
            detail.add(quote(IdentityView.describe(a.identity())) + ": " + a.approval().map(ap -> "approved in HEAD's "
                    + "[tool.pylock-trust] on " + ap.date() + ": " + quote(ap.reason()))
                    .orElse("not approved: HEAD's [tool.pylock-trust] has no approved-identity-changes entry for it"));
        }
        String message = "several identities at first use" + (c.approved() ? " (approved): " : ", not approved: ")
                + identities(c.identities());
        String hint = c.approved() ? "check the approval's reason with the project before merging"
                : "more than one repository publishing one package is unusual: check each with the project; if all "
                        + "are theirs, record an approval with " + quote(Explain.acceptCommand(c.packageName()));
        return new Words(c.approved() ? FindingCode.IDENTITY_AMBIGUOUS_APPROVED : FindingCode.IDENTITY_AMBIGUOUS,
                message, String.join("\n", detail), hint, Optional.empty(), IdentityLinks.of(c.identities()));
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
        return id.publisher().map(Publisher::toIdentityTable).orElseGet(() -> {
            SortedMap<String, String> raw = new TreeMap<>();
            id.fields().toMap().forEach((k, v) -> raw.put(k, String.valueOf(v)));
            return raw;
        });
    }

    private static Words attestationsLost(Change.AttestationsLost c) {
        String version = c.baseVersion().equals(c.headVersion()) || c.headVersion().isEmpty() ? ""
                : " (version " + opt(c.baseVersion()) + " -> " + quote(c.headVersion().get()) + ")";
        String held = c.baseIdentities().isEmpty() ? "" : ", BASE records " + identities(c.baseIdentities());
        String message;
        List<String> detail = new ArrayList<>();
        Optional<String> file = Optional.empty();
        if (c.code() == FindingCode.UNVERIFIABLE_SOURCE) {
            message = "attestations lost: HEAD takes it from a source that carries none" + held + version;
        } else if (c.code() == FindingCode.ATTESTATION_REQUIRED) {
            message = "attestations required by HEAD's policy, but HEAD does not hold it to an identity" + version;
        } else if (c.files().isEmpty()) {
            message = "attestations lost: HEAD records no identity" + held + version;
        } else if (c.files().size() == 1) {
            Change.LostFile f = c.files().get(0);
            file = Optional.of(f.filename());
            message = "attestation lost for " + quote(f.filename()) + ": HEAD records " + quote(f.headStatus())
                    + held + version;
        } else {
            message = "attestations lost for " + c.files().size() + " files" + held + version;
        }
        if (c.files().size() > 1 || c.files().size() == 1 && !c.files().get(0).baseFilename().isEmpty()) {
            for (Change.LostFile f : c.files()) {
                detail.add(quote(f.filename()) + ": " + quote(f.headStatus()) + (f.baseFilename().isEmpty() ? ""
                        : " (BASE: " + quote(f.baseFilename()) + ")"));
            }
        }
        if (c.allowedUnattested()) {
            detail.add("HEAD's [tool.pylock-trust] allows this package without attestations (allow-unattested)");
        }
        String hint = c.allowedUnattested() ? "check that the allow-unattested exception is intended"
                : c.code() == FindingCode.ATTESTATION_REQUIRED ? "lock it with pylock-trust to record who publishes "
                + "it, or remove it from require-attestations (a reviewer sees it)"
                : "a file without an attestation in an attested package may not come from its usual publisher. "
                        + "Check who published it on the index before merging";
        return new Words(c.code(), message, String.join("\n", detail), hint, file,
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
            java.util.SortedSet<String> algorithms = new TreeSet<>(f.base().keySet());
            algorithms.addAll(f.head().keySet());
            for (String algorithm : algorithms) {
                String before = f.base().get(algorithm);
                String after = f.head().get(algorithm);
                if (before == null || after == null || !Ascii.equalsIgnoreCase(before, after)) {
                    detail.add(quote(f.filename()) + ": " + algorithm + " " + (before == null ? NONE : quote(before))
                            + " -> " + (after == null ? NONE : quote(after)));
                }
            }
        }
        Optional<String> file = c.files().size() == 1 ? Optional.of(c.files().get(0).filename()) : Optional.empty();
        String message = c.files().size() == 1
                ? quote(c.files().get(0).filename()) + ": same file name and version, different hashes"
                : c.files().size() + " files with the same name and version have different hashes";
        return new Words(FindingCode.HASH_CHANGED, message, String.join("\n", detail), "an index never changes a "
                + "published file, and an installer accepts a file when any one of its hashes matches: a changed or "
                + "added hash stands for other bytes. Find out where HEAD's hashes came from before merging",
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
        return new Words(FindingCode.FILE_HOST_CHANGED, message, String.join("\n", detail),
                "make sure the new host is an index or mirror you trust", file, List.of());
    }

    private static Words packageAdded(Change.PackageAdded c) {
        String what = "new package" + c.version().map(v -> " " + quote(v)).orElse("")
                + (c.source().equals("index") ? "" : " (" + c.source() + " source)");
        if (c.attested()) {
            return new Words(FindingCode.PACKAGE_ADDED, what + ", attested by " + identities(c.identities()), "",
                    "from now on, verify expects this publisher: check that it is the project's real repository",
                    Optional.empty(), IdentityLinks.of(c.identities()));
        }
        return new Words(FindingCode.PACKAGE_ADDED, what + " without attestation identities"
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
        return new Words(FindingCode.FILES_CHANGED, "files changed in " + quote(c.version()) + ": " + String.join("; ", parts),
                "", "", Optional.empty(), List.of());
    }

    private static void list(List<String> parts, String what, List<String> files, boolean names) {
        if (!files.isEmpty()) {
            parts.add(what + " " + (names ? files.stream().map(f -> quote(f)).collect(Collectors.joining(", "))
                    : Verdict.plural(files.size(), "file", "files")));
        }
    }

    private static Words policyChanged(Change.PolicyChanged c) {
        FindingCode code = FindingCode.of("policy-" + c.kind().name().toLowerCase(java.util.Locale.ROOT)
                .replace('_', '-')).orElseThrow();
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
