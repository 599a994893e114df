package dev.pylocktrust.gather;

import dev.pylocktrust.policy.Evidence;
import java.util.List;

/** Gathered evidence in the trust policy's terms. */
public final class PolicyEvidence {
    private PolicyEvidence() {}

    /**
     * @param offline every answer came from the cache ({@code --offline}): a failed lookup is a cache miss
     * @param cachedPagesOnly offline against a remote index: the cached page may be older than the lock, so a file
     *     missing from it is not in cache rather than gone
     */
    public static Evidence of(FileEvidence e, boolean offline, boolean cachedPagesOnly) {
        if (e instanceof FileEvidence.Attested a) {
            return new Evidence.Attested(a.identities());
        }
        if (e instanceof FileEvidence.NoProvenance n) {
            return new Evidence.NoProvenance(n.why());
        }
        if (e instanceof FileEvidence.ProvenanceUnsupported u) {
            return new Evidence.ProvenanceUnsupported(u.why());
        }
        if (e instanceof FileEvidence.Invalid i) {
            return new Evidence.Invalid(i.reason());
        }
        if (e instanceof FileEvidence.NotOnIndex n) {
            return cachedPagesOnly ? new Evidence.Unchecked("the cached project page does not list it: " + n.why(),
                    true, List.of("run once online with the same --cache-dir first (the cache may be older than the "
                    + "lock file)")) : new Evidence.NotOnIndex(n.why());
        }
        FileEvidence.LookupFailed f = (FileEvidence.LookupFailed) e;
        return new Evidence.Unchecked(f.error().getMessage(), offline, f.error().hints());
    }
}
