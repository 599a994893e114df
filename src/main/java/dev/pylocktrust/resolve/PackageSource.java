package dev.pylocktrust.resolve;

import dev.pylocktrust.python.PackageName;
import java.util.Collection;
import java.util.List;

/**
 * Where the resolver learns which releases exist and what they depend on. The resolver's only contact with the
 * outside world: an index adapter implements it over the network, tests implement it in memory.
 *
 * <p>Contract for implementations:
 * <ul>
 *   <li>{@link #candidates} returns every release the index lists, with all its files, in any order; an unknown
 *       project is an empty list, not an error. Files whose names do not parse are left out, never guessed at.
 *   <li>{@link #metadata} returns the metadata of exactly that release. It may come from PEP 658 {@code .metadata},
 *       from a wheel's {@code METADATA} or from an sdist's {@code PKG-INFO} (Metadata-Version 2.2 or later, with
 *       {@code Requires-Dist} not dynamic); it never builds anything. If no trustworthy metadata exists it throws
 *       {@link MetadataUnavailableException}; network failures throw {@code NetworkException}. The resolver checks
 *       that name and version match the candidate.
 *   <li>Both may be called from several threads when {@link #prefetch} is used; implementations must be
 *       thread-safe.
 * </ul>
 */
public interface PackageSource {

    /** Every release of {@code name} the index lists (empty if the project does not exist). */
    List<Candidate> candidates(PackageName name);

    /** The core metadata of one release. */
    Metadata metadata(Candidate candidate);

    /**
     * A hint that the resolver will soon ask for these projects' candidates; an implementation with latency may
     * start fetching them in the background. The default does nothing.
     */
    default void prefetchCandidates(Collection<PackageName> names) {}

    /** A hint that the resolver will soon ask for this release's metadata. The default does nothing. */
    default void prefetchMetadata(Candidate candidate) {}
}
