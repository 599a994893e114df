package dev.pylocktrust.testkit.index;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds a {@link TestIndex} from releases: deterministic file contents, wheel core metadata (Name, Version,
 * Requires-Python, Requires-Dist), and provenance for every file of a release with an identity, made by the given
 * {@link ProvenanceMinter} (fake JSON for index tests, the test Sigstore for end-to-end tests).
 */
public final class TestIndexBuilder {
    private static final Instant FIRST_UPLOAD = Instant.parse("2025-01-06T12:00:00Z");

    private final ProvenanceMinter minter;
    private final List<TestRelease> releases = new ArrayList<>();

    public TestIndexBuilder(ProvenanceMinter minter) {
        this.minter = minter;
    }

    public TestIndexBuilder add(TestRelease release) {
        releases.add(release);
        return this;
    }

    public TestIndexBuilder addAll(Collection<TestRelease> more) {
        releases.addAll(more);
        return this;
    }

    public TestIndex build() {
        Map<String, String> displayNames = new LinkedHashMap<>();
        Map<String, List<String>> versions = new LinkedHashMap<>();
        Map<String, List<TestFile>> files = new LinkedHashMap<>();
        int n = 0;
        for (TestRelease r : releases) {
            String name = normalize(r.project());
            displayNames.putIfAbsent(name, r.project());
            versions.computeIfAbsent(name, k -> new ArrayList<>()).add(r.version());
            List<String> filenames = r.filenames().isEmpty() ? defaultFilenames(r.project(), r.version()) : r.filenames();
            for (String filename : filenames) {
                byte[] content = content(filename);
                String sha = sha256(content);
                byte[] metadata = filename.endsWith(".whl") ? metadata(r) : null;
                byte[] provenance = r.identity().map(id -> minter.provenanceFor(filename, sha, id)).orElse(null);
                files.computeIfAbsent(name, k -> new ArrayList<>()).add(new TestFile(name, r.version(), filename,
                        content, sha, metadata, metadata == null ? null : sha256(metadata), provenance,
                        r.requiresPython(), r.yanked(), FIRST_UPLOAD.plus(Duration.ofMinutes(n++))));
            }
        }
        Map<String, TestProject> projects = new LinkedHashMap<>();
        for (String name : displayNames.keySet()) {
            projects.put(name, new TestProject(name, displayNames.get(name), versions.get(name), files.get(name)));
        }
        return new TestIndex(projects);
    }

    /** PEP 503 normalization (the test kit's own copy, so it depends on no production class). */
    public static String normalize(String name) {
        return name.replaceAll("[-_.]+", "-").toLowerCase(Locale.ROOT);
    }

    /** {@code <dist>-<version>-py3-none-any.whl} and {@code <dist>-<version>.tar.gz}, dist = normalized with _. */
    public static List<String> defaultFilenames(String project, String version) {
        String dist = normalize(project).replace('-', '_');
        return List.of(dist + "-" + version + "-py3-none-any.whl", dist + "-" + version + ".tar.gz");
    }

    private static byte[] content(String filename) {
        return ("pylock-trust test distribution " + filename + "\n").repeat(16).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] metadata(TestRelease r) {
        StringBuilder sb = new StringBuilder();
        sb.append("Metadata-Version: 2.1\n");
        sb.append("Name: ").append(r.project()).append('\n');
        sb.append("Version: ").append(r.version()).append('\n');
        r.requiresPython().ifPresent(p -> sb.append("Requires-Python: ").append(p).append('\n'));
        r.dependencies().forEach(d -> sb.append("Requires-Dist: ").append(d).append('\n'));
        sb.append('\n').append("Test project ").append(r.project()).append(".\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
