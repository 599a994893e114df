package dev.pylocktrust.trust;

import dev.pylocktrust.ParserFuzzTest;
import dev.pylocktrust.attest.TrustRoot;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trust material from disk or a TUF mirror. A {@code trusted_root.json}: bad input throws only
 * {@link IllegalArgumentException}, for the report ({@link TrustRootContents}) and for a verifier
 * ({@link TrustRoot#fromBytes}). TUF metadata: the first byte of the input picks the role, the rest is the file;
 * parsing throws only {@link TufCheckException}. A cached TUF generation: the first byte picks one of the eight files
 * of a real, consistent generation (Sigstore production, roots 12 to 15 after the pinned 11) and the rest replaces
 * it; verifying it from the pinned root throws only {@link TufCheckException}.
 */
class TufMetadataFuzzTest {
    private static final String DATA = "/tuf/sigstore-production-60cf2ce8/";
    private static final List<String> ROLES = List.of("root", "timestamp", "snapshot", "targets");
    private static final byte[] PINNED = resource(DATA + "11.root.json");
    private static final Map<String, byte[]> GENERATION = generation();

    @TempDir
    Path dir;

    private static Map<String, byte[]> generation() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int v = 12; v <= 15; v++) {
            files.put(v + ".root.json", resource(DATA + v + ".root.json"));
        }
        files.put(TufGeneration.TIMESTAMP, resource(DATA + "timestamp.json"));
        files.put(TufGeneration.SNAPSHOT, resource(DATA + "165.snapshot.json"));
        files.put(TufGeneration.TARGETS, resource(DATA + "14.targets.json"));
        files.put(TufGeneration.TARGET, resource("/fixtures/trust/production.trusted_root.json"));
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
    void metadata(byte[] input) {
        String role = input.length == 0 ? "root" : ROLES.get(Byte.toUnsignedInt(input[0]) % ROLES.size());
        try {
            TufMetadata.parse(role + ".json", role, Arrays.copyOfRange(input, Math.min(1, input.length), input.length));
        } catch (TufCheckException e) {
            // the documented error
        }
    }

    @ParserFuzzTest
    void cachedGeneration(byte[] input) throws IOException {
        List<String> names = List.copyOf(GENERATION.keySet());
        String replaced = input.length == 0 ? null : names.get(Byte.toUnsignedInt(input[0]) % names.size());
        for (String name : names) {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            Files.write(file, name.equals(replaced) ? Arrays.copyOfRange(input, 1, input.length) : GENERATION.get(name));
        }
        try {
            TufVerification.verify(PINNED, new TufGeneration(dir), Optional.empty());
        } catch (TufCheckException e) {
            if (replaced == null) {
                throw new AssertionError("the real generation must verify", e);
            }
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
