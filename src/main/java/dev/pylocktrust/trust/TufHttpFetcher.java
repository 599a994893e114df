package dev.pylocktrust.trust;

import dev.pylocktrust.index.BudgetedHttpClient;
import dev.sigstore.tuf.Fetcher;
import dev.sigstore.tuf.FileExceedsMaxLengthException;
import java.io.IOException;
import java.net.URI;
import java.util.regex.Pattern;

/**
 * sigstore-java's TUF {@link Fetcher} over {@link BudgetedHttpClient}, inside a {@link RefreshBudget}: all requests
 * of a refresh share one time budget, and cancelling the budget aborts the request in flight. Responses are read up
 * to the length sigstore-java allows (from the signed metadata) and no further.
 *
 * <p>Used instead of sigstore-java's {@code HttpFetcher} (google-http-client), which has fixed timeouts, cannot be
 * cancelled, ignores proxy environment variables, and would let a black-holed connection stall the command.
 */
final class TufHttpFetcher implements Fetcher {
    /** Names sigstore-java asks for: {@code 12.root.json}, {@code timestamp.json}, {@code <hash>.trusted_root.json}. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,255}(/[A-Za-z0-9._-]{1,255}){0,8}");

    private final BudgetedHttpClient client;
    private final URI base;
    private final RefreshBudget budget;
    private volatile String lastRequested = "";

    /** @param base the directory URL, ending with {@code /} */
    TufHttpFetcher(BudgetedHttpClient client, URI base, RefreshBudget budget) {
        this.client = client;
        this.base = base;
        this.budget = budget;
    }

    @Override
    public String getSource() {
        return base.toString();
    }

    /** The file most recently requested (to say where a refresh failed). */
    String lastRequested() {
        return lastRequested;
    }

    @Override
    public byte[] fetchResource(String filename, int maxLength) throws IOException, FileExceedsMaxLengthException {
        if (!NAME.matcher(filename).matches() || filename.contains("..")) {
            throw new IOException("refusing to fetch an unexpected TUF file name");
        }
        lastRequested = filename;
        URI url = base.resolve(filename);
        try {
            // null tells sigstore-java "no such file" (the end of the root version probe).
            return client.get(url, maxLength, budget).orElse(null);
        } catch (BudgetedHttpClient.BodyTooLargeException e) {
            throw new FileExceedsMaxLengthException(url.toString(), maxLength);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("HTTP ")) {
                throw new IOException(e.getMessage() + " for " + filename, e);
            }
            throw e;
        }
    }
}
