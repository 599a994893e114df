package dev.pylocktrust.gather;

import dev.pylocktrust.ParallelMap;
import dev.pylocktrust.PhaseTimes;
import dev.pylocktrust.PylockTrustException;
import dev.pylocktrust.attest.AttestationResult;
import dev.pylocktrust.attest.Distribution;
import dev.pylocktrust.attest.MalformedAttestationException;
import dev.pylocktrust.attest.Provenance;
import dev.pylocktrust.attest.ProvenanceResult;
import dev.pylocktrust.attest.ProvenanceVerifier;
import dev.pylocktrust.attest.VerifiedAttestation;
import dev.pylocktrust.index.IndexClient;
import dev.pylocktrust.index.IndexFile;
import dev.pylocktrust.index.ProjectPage;
import dev.pylocktrust.index.ProvenanceLookup;
import dev.pylocktrust.index.ProvenanceRequest;
import dev.pylocktrust.policy.FileNames;
import dev.pylocktrust.python.PackageName;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;

/**
 * Asks the index for each file's provenance and verifies it. Network work runs with the index client's bounded
 * concurrency; verification (CPU-bound, about 2-5 ms an attestation) runs on one thread per core, each file as soon as
 * its provenance has arrived, so that it overlaps the wait for the rest.
 */
public final class EvidenceGatherer {
    private final IndexClient index;
    private final ProvenanceVerifier verifier;
    private final Clock clock;
    private final int verifyThreads;
    private final PhaseTimes phases;

    public EvidenceGatherer(IndexClient index, ProvenanceVerifier verifier, Clock clock) {
        this(index, verifier, clock, PhaseTimes.off());
    }

    /** As {@link #EvidenceGatherer(IndexClient, ProvenanceVerifier, Clock)}, marking pages, provenance, verification. */
    public EvidenceGatherer(IndexClient index, ProvenanceVerifier verifier, Clock clock, PhaseTimes phases) {
        this(index, verifier, clock, Runtime.getRuntime().availableProcessors(), phases);
    }

    EvidenceGatherer(IndexClient index, ProvenanceVerifier verifier, Clock clock, int verifyThreads) {
        this(index, verifier, clock, verifyThreads, PhaseTimes.off());
    }

    private EvidenceGatherer(IndexClient index, ProvenanceVerifier verifier, Clock clock, int verifyThreads,
                             PhaseTimes phases) {
        this.index = index;
        this.verifier = verifier;
        this.clock = clock;
        this.verifyThreads = Math.max(1, verifyThreads);
        this.phases = phases;
    }

    /**
     * Evidence for every request, keyed by sha256 in request order (a sha256 requested twice is answered once, and
     * is not on the index unless every request names it as the index does).
     *
     * @throws PylockTrustException when a project page cannot be fetched at all (unknown project, index down):
     *     without the page no file of that project can be judged
     */
    public Map<String, FileEvidence> gather(List<FileRequest> requests) {
        return gather(requests, Map.of());
    }

    /**
     * As {@link #gather(List)}, reusing project pages the caller already fetched (keyed by normalized name); pages
     * of other projects are fetched.
     *
     * @throws PylockTrustException when a missing project page cannot be fetched at all
     */
    public Map<String, FileEvidence> gather(List<FileRequest> requests, Map<String, ProjectPage> fetched) {
        Map<String, FileRequest> unique = new LinkedHashMap<>();
        requests.forEach(r -> unique.putIfAbsent(r.sha256(), r));
        Map<String, ProjectPage> pages = new LinkedHashMap<>(fetched);
        List<String> missing = unique.values().stream().map(r -> PackageName.normalize(r.project()))
                .filter(p -> !pages.containsKey(p)).distinct().toList();
        pages.putAll(index.projectPages(missing));
        phases.mark("pages");

        Map<String, FileEvidence> out = new LinkedHashMap<>();
        Map<String, IndexFile> listed = new LinkedHashMap<>();
        List<ProvenanceRequest> lookups = new ArrayList<>();
        for (FileRequest r : unique.values()) {
            ProjectPage page = pages.get(PackageName.normalize(r.project()));
            Optional<IndexFile> file = index.findFile(page, r.sha256());
            Optional<String> misnamed = file.flatMap(f -> requests.stream()
                    .filter(q -> q.sha256().equals(r.sha256()) && !FileNames.sameFile(q.lockedFilename(), f.filename()))
                    .map(FileRequest::lockedFilename).findFirst());
            if (file.isEmpty()) {
                out.put(r.sha256(), new FileEvidence.NotOnIndex(r, "no file with sha256 " + r.sha256()
                        + " is listed for " + page.name() + " on " + index.describeIndex()
                        + " (the lockfile names it " + r.lockedFilename() + ")"));
            } else if (misnamed.isPresent()) {
                // The attestation vouches for a filename (name and version) as much as for bytes: a lock that puts
                // another release's bytes under this release's filename would install what it does not say.
                out.put(r.sha256(), new FileEvidence.NotOnIndex(r, page.name() + " on " + index.describeIndex()
                        + " lists sha256 " + r.sha256() + " as " + file.get().filename() + ", but the lockfile names "
                        + "it " + misnamed.get() + ": the lock's filename does not describe these bytes"));
            } else {
                listed.put(r.sha256(), file.get());
                lookups.add(new ProvenanceRequest(file.get(), r.version()));
            }
        }
        // Each file is verified as soon as its provenance is known, while the rest still wait on the network.
        Map<String, ProvenanceLookup> found;
        Map<String, FileEvidence> judged;
        try (ParallelMap verifying = new ParallelMap(verifyThreads, n -> "pylock-trust-verify-" + n)) {
            Map<String, Future<FileEvidence>> pending = new ConcurrentHashMap<>();
            found = new LinkedHashMap<>(index.provenance(lookups, true, (sha, lookup) -> pending.put(sha,
                    verifying.submit(() -> judgeAndRemember(unique.get(sha), listed.get(sha), lookup)))));
            phases.mark("provenance");
            List<String> shas = List.copyOf(found.keySet());
            judged = keyed(shas, ParallelMap.awaitAll(shas.stream().map(pending::get).toList(),
                    EvidenceGatherer::interruptedVerifying));
        }
        judged.putAll(askAgain(unique, listed, found, judged, lookups));
        phases.mark("verification");
        // Keep request order in the result.
        Map<String, FileEvidence> ordered = new LinkedHashMap<>();
        for (String sha : unique.keySet()) {
            ordered.put(sha, out.containsKey(sha) ? out.get(sha) : judged.get(sha));
        }
        return ordered;
    }

    /**
     * Cached provenance that failed verification is asked for again without the cache: the cache holds only
     * provenance that verified, so a failing entry was tampered with (or the trusted root changed), and the index's
     * answer decides. Where the index cannot be asked (offline, or the lookup fails), the cached bytes' failure stands:
     * bytes that do not verify are a trust failure wherever they were read.
     */
    private Map<String, FileEvidence> askAgain(Map<String, FileRequest> requests, Map<String, IndexFile> files,
                                               Map<String, ProvenanceLookup> found, Map<String, FileEvidence> judged,
                                               List<ProvenanceRequest> lookups) {
        List<ProvenanceRequest> again = lookups.stream().filter(l -> {
            String sha = l.file().sha256().orElseThrow();
            return found.get(sha) instanceof ProvenanceLookup.Found f && f.fromCache()
                    && judged.get(sha) instanceof FileEvidence.Invalid;
        }).toList();
        if (again.isEmpty()) {
            return Map.of();
        }
        Map<String, ProvenanceLookup> fresh = new LinkedHashMap<>(index.provenance(again, false));
        fresh.values().removeIf(ProvenanceLookup.Failed.class::isInstance);
        found.putAll(fresh);
        return judgeAll(requests, files, fresh);
    }

    /** Judges every lookup on up to {@code verifyThreads} threads; keyed by sha256 in the lookups' order. */
    private Map<String, FileEvidence> judgeAll(Map<String, FileRequest> requests, Map<String, IndexFile> files,
                                               Map<String, ProvenanceLookup> lookups) {
        List<String> shas = List.copyOf(lookups.keySet());
        return keyed(shas, ParallelMap.map(shas, verifyThreads, "pylock-trust-verify",
                sha -> judgeAndRemember(requests.get(sha), files.get(sha), lookups.get(sha)),
                EvidenceGatherer::interruptedVerifying));
    }

    /** {@code values} keyed by {@code shas}, in that order. */
    private static Map<String, FileEvidence> keyed(List<String> shas, List<FileEvidence> values) {
        Map<String, FileEvidence> out = new LinkedHashMap<>();
        for (int i = 0; i < shas.size(); i++) {
            out.put(shas.get(i), values.get(i));
        }
        return out;
    }

    private static IllegalStateException interruptedVerifying(InterruptedException e) {
        return new IllegalStateException("interrupted while verifying provenance", e);
    }

    /**
     * {@link #judge}, then provenance fetched in this run that verified goes to the cache (as soon as it verified, so
     * that the writes overlap the wait for the rest); nothing else does.
     */
    private FileEvidence judgeAndRemember(FileRequest request, IndexFile file, ProvenanceLookup lookup) {
        FileEvidence evidence = judge(request, file, lookup);
        if (lookup instanceof ProvenanceLookup.Found f && evidence instanceof FileEvidence.Attested) {
            index.rememberVerified(file, f);
        }
        return evidence;
    }

    /** Turns one lookup into evidence. Pure apart from the verifier's CPU work. */
    FileEvidence judge(FileRequest request, IndexFile file, ProvenanceLookup lookup) {
        if (lookup instanceof ProvenanceLookup.Found f) {
            return verify(request, file, f);
        }
        if (lookup instanceof ProvenanceLookup.NotPublished n) {
            return new FileEvidence.NoProvenance(request, file, n.why());
        }
        if (lookup instanceof ProvenanceLookup.NotSupported n) {
            return new FileEvidence.ProvenanceUnsupported(request, file, n.why());
        }
        if (lookup instanceof ProvenanceLookup.Invalid i) {
            return new FileEvidence.Invalid(request, file, i.why(), Optional.empty());
        }
        return new FileEvidence.LookupFailed(request, ((ProvenanceLookup.Failed) lookup).error());
    }

    private FileEvidence verify(FileRequest request, IndexFile file, ProvenanceLookup.Found found) {
        Provenance provenance;
        try {
            provenance = Provenance.parse(found.json());
        } catch (MalformedAttestationException e) {
            return new FileEvidence.Invalid(request, file, "malformed provenance from " + found.url() + ": "
                    + e.getMessage(), Optional.empty());
        }
        ProvenanceResult result = verifier.verify(provenance, new Distribution(file.filename(), request.sha256()),
                clock.instant());
        if (!result.allVerified() || result.verifiedIdentities().isEmpty()) {
            String reason = result.firstRejection().map(r -> r.reason().summary() + ": " + r.message())
                    .orElse("no attestation in the provenance matches its publisher");
            return new FileEvidence.Invalid(request, file, reason, Optional.of(result));
        }
        List<VerifiedAttestation> verified = result.results().stream()
                .map(ProvenanceResult.Item::result)
                .filter(AttestationResult.Verified.class::isInstance)
                .map(r -> ((AttestationResult.Verified) r).attestation())
                .toList();
        return new FileEvidence.Attested(request, file, result.verifiedIdentities(), verified, found.fromCache());
    }
}
