package dev.pylocktrust.trust;

import dev.pylocktrust.ParserFuzzTest;
import dev.pylocktrust.attest.TrustRoot;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trust material read from disk or a TUF mirror. A {@code trusted_root.json}: bad input throws only
 * {@link IllegalArgumentException}, both for the report ({@link TrustRootContents}) and for a verifier
 * ({@link TrustRoot#fromBytes}). A cached TUF store: the first byte of the input picks one of the five files of a
 * real, consistent store (Sigstore production metadata) and the rest replaces it; reading the store throws only
 * {@link TufStoreFiles.InvalidStoreException}.
 */
class TufMetadataFuzzTest {
    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    private static final Map<String, String> STORE = store();

    @TempDir
    Path dir;

    private static Map<String, String> store() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("root.json", "/tuf/sigstore-production-60cf2ce8/15.root.json");
        files.put("timestamp.json", "/tuf/sigstore-production-60cf2ce8/timestamp.json");
        files.put("snapshot.json", "/tuf/sigstore-production-60cf2ce8/165.snapshot.json");
        files.put("targets.json", "/tuf/sigstore-production-60cf2ce8/14.targets.json");
        files.put("targets/" + TufStoreFiles.TRUSTED_ROOT, "/fixtures/trust/production.trusted_root.json");
        return files;
    }

    @ParserFuzzTest
    void trustedRoot(byte[] input) {
        try {
            TrustRootContents.parse(input);
        } catch (IllegalArgumentException e) {
            // the documented error
        }
        try {
            TrustRoot.fromBytes(input, "fuzzed root", Optional.empty());
        } catch (IllegalArgumentException e) {
            // the documented error
        }
    }

    @ParserFuzzTest
    void store(byte[] input) throws IOException {
        List<String> names = List.copyOf(STORE.keySet());
        String replaced = input.length == 0 ? null : names.get(Byte.toUnsignedInt(input[0]) % names.size());
        for (String name : names) {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            Files.write(file, name.equals(replaced) ? Arrays.copyOfRange(input, 1, input.length) : resource(STORE.get(name)));
        }
        try {
            TufStoreFiles.read(dir, NOW);
        } catch (TufStoreFiles.InvalidStoreException e) {
            // the documented error
        }
    }

    private static byte[] resource(String path) {
        try (InputStream in = TufMetadataFuzzTest.class.getResourceAsStream(path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
