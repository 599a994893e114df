package dev.pylocktrust.diff;

import dev.pylocktrust.lock.ApprovedIdentityChange;
import dev.pylocktrust.lock.AttestationIdentity;
import dev.pylocktrust.policy.SignedIds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The machine-readable facts of each change for {@code --format json} ({@code findings[].data}, documented in
 * {@code schema/diff-report.schema.json}): exact values from the lockfiles, keys in snake_case, absent values as
 * {@code null}. Identities are their TOML tables as JSON objects.
 */
final class ChangeData {
    private ChangeData() {}

    static Map<String, Object> of(Change change) {
        Data d = new Data();
        if (change instanceof Change.IdentityChanged c) {
            d.put("version", c.version()).put("approved", c.approved()).put("before", ids(c.before()))
                    .put("after", ids(c.after())).put("removed", ids(c.removed()));
            d.put("added", added(c.added()));
        } else if (change instanceof Change.IdentityAmbiguous c) {
            d.put("version", c.version()).put("approved", c.approved()).put("identities", ids(c.identities()))
                    .put("added", added(c.pairs()));
        } else if (change instanceof Change.Inconsistent c) {
            d.put("file", c.finding().file());
        } else if (change instanceof Change.AttestationsLost c) {
            List<Object> files = new ArrayList<>();
            for (Change.LostFile f : c.files()) {
                files.add(new Data().put("filename", f.filename()).put("base_filename", f.baseFilename())
                        .put("head_status", f.headStatus()).map);
            }
            d.put("base_version", c.baseVersion()).put("head_version", c.headVersion())
                    .put("base_identities", ids(c.baseIdentities())).put("files", files)
                    .put("allowed_unattested", c.allowedUnattested());
        } else if (change instanceof Change.HashChanged c) {
            List<Object> files = new ArrayList<>();
            for (Change.FileHashes f : c.files()) {
                files.add(new Data().put("filename", f.filename()).put("base", f.base()).put("head", f.head())
                        .put("comparable", f.comparable()).map);
            }
            d.put("version", c.version()).put("files", files);
        } else if (change instanceof Change.FilesFromNewHost c) {
            List<Object> files = new ArrayList<>();
            for (Change.MovedFile f : c.files()) {
                files.add(new Data().put("filename", f.filename()).put("base_location", f.baseLocation())
                        .put("head_location", f.headLocation()).put("head_origin", f.headOrigin()).map);
            }
            d.put("version", c.version()).put("base_origins", c.baseOrigins()).put("files", files);
        } else if (change instanceof Change.IndexChanged c) {
            d.put("from", c.from()).put("to", c.to());
        } else if (change instanceof Change.SourceChanged c) {
            d.put("what", c.what()).put("from", c.from()).put("to", c.to());
        } else if (change instanceof Change.PackageAdded c) {
            d.put("version", c.version()).put("source", c.source()).put("identities", ids(c.identities()))
                    .put("allowed_unattested", c.allowedUnattested());
        } else if (change instanceof Change.PackageRemoved c) {
            d.put("version", c.version()).put("identities", ids(c.identities()));
        } else if (change instanceof Change.IdentitiesFirstRecorded c) {
            d.put("version", c.version()).put("identities", ids(c.identities()));
        } else if (change instanceof Change.VersionChanged c) {
            d.put("from", c.from()).put("to", c.to()).put("downgrade", c.downgrade());
        } else if (change instanceof Change.FilesChanged c) {
            d.put("version", c.version()).put("added", c.added()).put("removed", c.removed())
                    .put("relocated", c.relocated());
        } else if (change instanceof Change.MarkerChanged c) {
            d.put("from", c.from()).put("to", c.to());
        } else if (change instanceof Change.RequiresPythonChanged c) {
            d.put("from", c.from()).put("to", c.to());
        } else if (change instanceof Change.EnvironmentsChanged c) {
            d.put("from", c.from().orElse(null)).put("to", c.to().orElse(null));
        } else if (change instanceof Change.IdentitiesRemoved c) {
            d.put("version", c.version()).put("removed", ids(c.removed())).put("remaining", ids(c.remaining()));
        } else if (change instanceof Change.PolicyChanged c) {
            d.put("kind", c.kind().name().toLowerCase(java.util.Locale.ROOT))
                    .put("approval", c.approval().map(ChangeData::approval).orElse(null));
        }
        return d.map;
    }

    private static List<Object> added(List<Change.AddedIdentity> identities) {
        List<Object> added = new ArrayList<>();
        for (Change.AddedIdentity a : identities) {
            added.add(new Data().put("identity", id(a.identity())).put("recreated", a.recreated())
                    .put("from_ids", ids(a.fromIds())).put("to_ids", ids(a.toIds()))
                    .put("approval", a.approval().map(ChangeData::approval).orElse(null)).map);
        }
        return added;
    }

    private static Map<String, Object> ids(SignedIds ids) {
        return new Data().put("repository_id", ids.repositoryId()).put("repository_owner_id", ids.ownerId()).map;
    }

    static Map<String, Object> approval(ApprovedIdentityChange a) {
        return new Data().put("package", a.packageName()).put("from", id(a.from())).put("to", id(a.to()))
                .put("reason", a.reason()).put("date", a.date().toString()).put("approved_by", a.approvedBy()).map;
    }

    static List<Object> ids(List<AttestationIdentity> identities) {
        return identities.stream().map(ChangeData::id).toList();
    }

    /** An identity table as JSON: strings, numbers and booleans as they are; any other TOML value as its text. */
    static Object id(AttestationIdentity identity) {
        return plain(identity.fields().toMap());
    }

    private static Object plain(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), plain(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(ChangeData::plain).toList();
        }
        if (v instanceof String || v instanceof Number || v instanceof Boolean) {
            return v;
        }
        return String.valueOf(v);
    }

    /** An insertion-ordered map that accepts {@code null} and unwraps {@code Optional}. */
    private static final class Data {
        final Map<String, Object> map = new LinkedHashMap<>();

        Data put(String key, Object value) {
            map.put(key, value instanceof Optional<?> o ? o.orElse(null) : value);
            return this;
        }
    }
}
