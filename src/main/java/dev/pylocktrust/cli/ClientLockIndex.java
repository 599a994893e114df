package dev.pylocktrust.cli;

import dev.pylocktrust.gather.EvidenceGatherer;
import dev.pylocktrust.gather.FileEvidence;
import dev.pylocktrust.gather.FileRequest;
import dev.pylocktrust.index.IndexClient;
import dev.pylocktrust.index.ProjectPage;
import dev.pylocktrust.lock.LockIndex;
import dev.pylocktrust.python.PackageName;
import dev.pylocktrust.resolve.CachingPackageSource;
import dev.pylocktrust.resolve.Candidate;
import dev.pylocktrust.resolve.IndexPackageSource;
import dev.pylocktrust.resolve.Metadata;
import dev.pylocktrust.resolve.ProgressPackageSource;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code lock}'s port over the real index: pages and metadata from the {@link IndexClient}, evidence verified by the
 * {@link EvidenceGatherer} (which meets {@link LockIndex}'s obligations for evidence), the resolver's reads cached,
 * run in parallel and shown as progress.
 */
final class ClientLockIndex implements LockIndex {
    private final IndexClient client;
    private final EvidenceGatherer gatherer;

    ClientLockIndex(IndexClient client, EvidenceGatherer gatherer) {
        this.client = Objects.requireNonNull(client, "client");
        this.gatherer = Objects.requireNonNull(gatherer, "gatherer");
    }

    @Override
    public Map<String, ProjectPage> projectPages(Collection<String> names) {
        return client.projectPages(names);
    }

    @Override
    public Packages packages() {
        IndexPackageSource source = new IndexPackageSource(client);
        CachingPackageSource cached = new CachingPackageSource(
                new ProgressPackageSource(source, client.progress(), client::stats), client.jobs());
        return new Packages() {
            @Override
            public List<Candidate> candidates(PackageName name) {
                return cached.candidates(name);
            }

            @Override
            public Metadata metadata(Candidate candidate) {
                return cached.metadata(candidate);
            }

            @Override
            public void prefetchCandidates(Collection<PackageName> names) {
                cached.prefetchCandidates(names);
            }

            @Override
            public void prefetchMetadata(Candidate candidate) {
                cached.prefetchMetadata(candidate);
            }

            @Override
            public Map<String, ProjectPage> pagesRead() {
                return source.pagesRead();
            }

            @Override
            public void close() {
                try {
                    cached.close();
                } finally {
                    client.progress().finish();
                }
            }
        };
    }

    @Override
    public Map<String, FileEvidence> evidence(List<FileRequest> requests, Map<String, ProjectPage> pages) {
        return gatherer.gather(requests, pages);
    }

    @Override
    public Optional<String> simpleApiUrl() {
        return client.simpleApiUrl();
    }

    @Override
    public String describeIndex() {
        return client.describeIndex();
    }
}
