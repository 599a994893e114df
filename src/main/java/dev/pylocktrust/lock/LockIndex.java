package dev.pylocktrust.lock;

import dev.pylocktrust.gather.FileEvidence;
import dev.pylocktrust.gather.FileRequest;
import dev.pylocktrust.index.ProjectPage;
import dev.pylocktrust.resolve.PackageSource;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything {@code lock} asks of the outside world, behind one port: project pages, the resolver's view of the index
 * (releases and their metadata) and the evidence for each file. {@link Locker} and its planner touch nothing else, so
 * their decisions can be driven by a plain in-memory implementation; production adapts the index client and the
 * evidence gatherer to it at the edge ({@code cli}).
 *
 * <p>Everything an implementation returns is hostile input to {@code lock}: pages and metadata only choose what is
 * checked (files are then held to their sha256), and only {@link #evidence} may say who published a file. Security
 * obligations of an implementation:
 * <ul>
 *   <li>{@link #projectPages}: each page is the one the index served for that name, unedited (no file added, dropped
 *       or re-hashed); an index that cannot be asked throws (exit 3), never answers with an empty page.</li>
 *   <li>{@link #packages}: follows {@link PackageSource}'s contract (metadata is never built, an unknown project has
 *       no candidates, failures throw); {@link Packages#pagesRead} are exactly the pages the resolver read.</li>
 *   <li>{@link #evidence}: one entry per request, keyed by sha256. {@link FileEvidence.Attested} only for provenance
 *       that verified against the trusted root at the lock's time and binds this sha256 and filename, with the
 *       publisher matched to its certificate; a file the pages do not list under that sha256 is
 *       {@link FileEvidence.NotOnIndex}; a failure to ask is {@link FileEvidence.LookupFailed}, never a verdict.</li>
 *   <li>{@link #simpleApiUrl} and {@link #describeIndex} name the index the pages came from: the lock records the
 *       first, the report shows the second.</li>
 * </ul>
 */
public interface LockIndex {

    /** The project pages for {@code names} (normalized), keyed by name. */
    Map<String, ProjectPage> projectPages(Collection<String> names);

    /** The resolver's view of the index for one resolution; closed when the resolution ends. */
    Packages packages();

    /** Evidence for every request, keyed by sha256, finding files on {@code pages} (read before, by name). */
    Map<String, FileEvidence> evidence(List<FileRequest> requests, Map<String, ProjectPage> pages);

    /** The index's Simple API URL, as the lock records it (empty for a local directory). */
    Optional<String> simpleApiUrl();

    /** The index as the report names it. */
    String describeIndex();

    /** Releases and metadata for the resolver, remembering the pages read. */
    interface Packages extends PackageSource, AutoCloseable {
        /** The project pages the resolver read, by name. */
        Map<String, ProjectPage> pagesRead();

        @Override
        void close();
    }
}
