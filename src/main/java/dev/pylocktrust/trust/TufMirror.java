package dev.pylocktrust.trust;

import dev.pylocktrust.index.BudgetedHttpClient;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The repository's mirror as a {@link TufSource}, over {@link BudgetedHttpClient} within a {@link RefreshBudget}: all
 * requests of a refresh share one time budget, and cancelling the budget aborts the request in flight. Files are named
 * as TUF repositories serve them ({@code 3.root.json}, {@code timestamp.json}, and with consistent snapshots
 * {@code 7.snapshot.json}, {@code 7.targets.json}, {@code targets/<sha512 or sha256>.trusted_root.json}), and read up
 * to the length the signed metadata gives, no further.
 *
 * <p>With a seed (the state the cache holds, verified), a file the seed has in the version or with the hashes now
 * asked for is taken from the seed instead of downloaded: an unchanged repository costs two requests
 * ({@code N+1.root.json}, answered 404, and {@code timestamp.json}). Seeded bytes are verified again like any other.
 */
final class TufMirror implements TufSource {
    /** The names a refresh asks for (no traversal, no query). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,254}(/[A-Za-z0-9_-][A-Za-z0-9._-]"
            + "{0,254}){0,1}");

    private final BudgetedHttpClient client;
    private final URI base;
    private final RefreshBudget budget;
    private final Optional<VerifiedTuf> seed;
    private volatile String lastRequested = "";

    /** @param base the repository URL, ending with {@code /} */
    TufMirror(BudgetedHttpClient client, URI base, RefreshBudget budget, Optional<VerifiedTuf> seed) {
        this.client = client;
        this.base = base;
        this.budget = budget;
        this.seed = seed;
    }

    /** The file most recently requested (to say where a refresh failed). */
    String lastRequested() {
        return lastRequested;
    }

    @Override
    public Optional<TufFile> root(int version) throws IOException, TufCheckException {
        String name = version + ".root.json";
        Optional<TufMetadata> seeded = seed.flatMap(s -> s.roots().stream().filter(r -> r.version() == version)
                .findFirst());
        if (seeded.isPresent()) {
            return Optional.of(new TufFile(name, seeded.get().raw()));
        }
        // 404 (or 403, as object stores answer for a missing object) ends the chain of roots.
        return get(name, TufVerification.MAX_ROOT_BYTES).map(b -> new TufFile(name, b));
    }

    @Override
    public TufFile timestamp() throws IOException, TufCheckException {
        return required("timestamp.json", TufVerification.MAX_TIMESTAMP_BYTES);
    }

    @Override
    public TufFile snapshot(TufFileInfo info, boolean consistent) throws IOException, TufCheckException {
        return versioned("snapshot", info, consistent, seed.map(VerifiedTuf::snapshot));
    }

    @Override
    public TufFile targets(TufFileInfo info, boolean consistent) throws IOException, TufCheckException {
        return versioned("targets", info, consistent, seed.map(VerifiedTuf::targets));
    }

    /** {@code role}'s metadata in the version {@code info} names: from the seed when it has that version. */
    private TufFile versioned(String role, TufFileInfo info, boolean consistent, Optional<TufMetadata> seeded)
            throws IOException, TufCheckException {
        String name = (consistent ? info.version() + "." : "") + role + ".json";
        if (seeded.isPresent() && seeded.get().version() == info.version()) {
            return new TufFile(name, seeded.get().raw());
        }
        return required(name, info.maxBytes(name, TufVerification.MAX_META_BYTES));
    }

    @Override
    public TufFile trustedRoot(TufFileInfo info, boolean consistent) throws IOException, TufCheckException {
        String name = "targets/" + (consistent ? info.nameHash() + "." : "") + TufVerification.TRUSTED_ROOT;
        if (seed.isPresent() && seed.get().targetInfo().length().equals(info.length())
                && seed.get().targetInfo().hashes().equals(info.hashes())) {
            return new TufFile(name, seed.get().trustedRoot());
        }
        return required(name, info.maxBytes(name, TufVerification.MAX_TARGET_BYTES));
    }

    private TufFile required(String name, int maxBytes) throws IOException, TufCheckException {
        Optional<byte[]> bytes = get(name, maxBytes);
        if (bytes.isEmpty()) {
            throw new TufCheckException(TufCheck.MISSING, name + ": not found on the mirror");
        }
        return new TufFile(name, bytes.get());
    }

    private Optional<byte[]> get(String name, int maxBytes) throws IOException, TufCheckException {
        if (!NAME.matcher(name).matches() || name.contains("..")) {
            throw TufMetadata.malformed(name, "not a file name this client asks for");
        }
        lastRequested = name;
        try {
            return client.get(base.resolve(name), maxBytes, budget);
        } catch (BudgetedHttpClient.BodyTooLargeException e) {
            throw new TufCheckException(TufCheck.TOO_LARGE, name + ": larger than the signed metadata allows ("
                    + maxBytes + " bytes)");
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("HTTP ")) {
                throw new IOException(e.getMessage() + " for " + name, e);
            }
            throw e;
        }
    }
}
