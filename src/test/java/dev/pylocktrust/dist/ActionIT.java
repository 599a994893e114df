package dev.pylocktrust.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The composite action ({@code action.yml} and {@code action/install.sh}) run step by step by {@link ActionRunner}
 * with a fake GitHub environment, against a "GitHub release" served on loopback: the action runs a release's jar only
 * when its sha256 is the one it records, refuses unknown versions and foreign bytes before anything runs, and builds
 * from source only for a ref that records no release or when asked. The released jar is the packaged one.
 */
class ActionIT {
    private static final String REPOSITORY = "octo-org/pylock-trust";
    private static final String INSTALL = "Install pylock-trust";
    private static final String RUN = "Run pylock-trust ${{ inputs.command }}";
    private static final List<String> SOURCE_BUILD = List.of(INSTALL, "Set up Java to build pylock-trust",
            "Cache key for pylock-trust's build", "Cache Maven dependencies", "Build pylock-trust from source", RUN);

    @TempDir
    Path tmp;

    private final Map<String, byte[]> served = new LinkedHashMap<>();
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private HttpServer server;
    private byte[] jar;

    @BeforeEach
    void serveReleases() throws IOException {
        jar = Files.readAllBytes(Path.of(System.getProperty("pylocktrust.jar")));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestURI().getPath());
            byte[] body = served.get(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                if (body != null) {
                    out.write(body);
                }
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static String jarPath(String version) {
        return "/" + REPOSITORY + "/releases/download/v" + version + "/pylock-trust-" + version + ".jar";
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** The action, as the runner lays it out ({@code _actions/OWNER/REPO/REF}), recording these releases. */
    private Path action(String ref, Map<String, byte[]> releases) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("_actions/" + REPOSITORY + "/" + ref));
        Files.copy(Path.of("action.yml"), dir.resolve("action.yml"));
        Files.createDirectories(dir.resolve("action"));
        Files.copy(Path.of("action/install.sh"), dir.resolve("action/install.sh"));
        Files.createDirectories(dir.resolve("bin"));
        Files.copy(Path.of("bin/pylock-trust"), dir.resolve("bin/pylock-trust"));
        StringBuilder records = new StringBuilder();
        for (var release : releases.entrySet()) {
            records.append(sha256(release.getValue())).append("  pylock-trust-").append(release.getKey())
                    .append(".jar\n");
        }
        Files.writeString(dir.resolve("action/releases.sha256"), records);
        // Stand-ins for the sources of the fallback build: mvnw logs its arguments and "builds" the packaged jar.
        Files.writeString(dir.resolve("pom.xml"), "<project/>\n");
        Path mvnw = dir.resolve("mvnw");
        Files.writeString(mvnw, "#!/bin/sh\nprintf '%s\\n' \"$*\" >> mvnw.log\nmkdir -p target\n"
                + "cp \"$TEST_JAR\" target/pylock-trust.jar\n");
        mvnw.toFile().setExecutable(true);
        return dir;
    }

    private ActionRunner.Outcome run(Path action, Map<String, String> inputs, Map<String, String> github)
            throws Exception {
        Map<String, String> env = Map.of("GITHUB_SERVER_URL", "http://127.0.0.1:" + server.getAddress().getPort(),
                "TEST_JAR", System.getProperty("pylocktrust.jar"), "PYLOCK_TRUST_ROOT_SOURCE", "embedded",
                "PYLOCK_TRUST_CACHE_DIR", tmp.resolve("cache").toString());
        return new ActionRunner(action, tmp.resolve("runner")).run(inputs, github, env);
    }

    /** Verifies the demo lock: passes only if the installed pylock-trust really runs. */
    private static Map<String, String> verifyTheDemoLock(String version) {
        return Map.of("version", version, "command", "verify", "lockfile",
                Path.of("examples/pylock.toml").toAbsolutePath().toString(), "args",
                "--index-url " + Path.of("examples/index").toAbsolutePath());
    }

    @Test
    void aRecordedReleaseIsDownloadedCheckedAndRunWithoutMaven() throws Exception {
        Path action = action("v0.9.0", Map.of("0.9.0", jar));
        served.put(jarPath("0.9.0"), jar);

        var outcome = run(action, verifyTheDemoLock(""), Map.of("action_ref", "v0.9.0", "action_repository",
                REPOSITORY));

        assertThat(outcome.exitCode()).as(outcome.toString()).isZero();
        assertThat(outcome.ran()).containsExactly(INSTALL, RUN);
        assertThat(outcome.log()).contains("pylock-trust 0.9.0: http://127.0.0.1:" + server.getAddress().getPort()
                + jarPath("0.9.0") + ", sha256 " + sha256(jar) + " as recorded", "verified 3 files of 3 packages");
        Path home = tmp.resolve("runner/temp/pylock-trust-0.9.0");
        assertThat(outcome.outputs().get("install")).containsEntry("mode", "release").containsEntry("version", "0.9.0")
                .containsEntry("home", home.toString());
        assertThat(outcome.pathAdditions()).containsExactly(home.resolve("bin").toString());
        assertThat(home.resolve("lib/pylock-trust.jar")).hasBinaryContent(jar);
        assertThat(requests).containsExactly(jarPath("0.9.0"));
        assertThat(action.resolve("mvnw.log")).doesNotExist();
    }

    @Test
    void usedTwiceInAJobTheActionReusesTheJarItCheckedAndReplacesAChangedOne() throws Exception {
        Path action = action("v0.9.0", Map.of("0.9.0", jar));
        served.put(jarPath("0.9.0"), jar);
        Map<String, String> install = Map.of("command", "");
        Path installed = tmp.resolve("runner/temp/pylock-trust-0.9.0/lib/pylock-trust.jar");

        assertThat(run(action, install, Map.of()).exitCode()).isZero();
        var again = run(action, install, Map.of());
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.log()).isEqualTo("pylock-trust 0.9.0: installed already, sha256 " + sha256(jar)
                + " as recorded in action/releases.sha256\n");
        assertThat(requests).hasSize(1);

        Files.write(installed, new byte[] {'P', 'K'});
        var replaced = run(action, verifyTheDemoLock(""), Map.of());
        assertThat(replaced.exitCode()).as(replaced.toString()).isZero();
        assertThat(requests).hasSize(2);
        assertThat(installed).hasBinaryContent(jar);
    }

    @ParameterizedTest(name = "ref {0}, version ''{1}'', context given: {2} -> {3}")
    @CsvSource({
        "v0.9.0, '', true, 0.9.0",
        "v0.8.0, '', false, 0.8.0",
        "0123456789abcdef0123456789abcdef01234567, '', true, 0.10.0",
        "main, '', false, 0.10.0",
        "v1, '', true, 0.10.0",
        "v0.9.0, 0.8.0, false, 0.8.0",
    })
    void theVersionIsTheInputElseTheRefsReleaseElseTheNewestRecorded(String ref, String version, boolean context,
            String expected) throws Exception {
        Map<String, byte[]> releases = new LinkedHashMap<>();
        for (String v : List.of("0.10.0", "0.8.0", "0.9.0")) {
            releases.put(v, ("jar " + v).getBytes());
            served.put(jarPath(v), ("jar " + v).getBytes());
        }
        Path action = action(ref, releases);
        // Without the github context (empty in some runners) the ref and repository come from the action's path.
        var outcome = run(action, Map.of("version", version, "command", ""), context
                ? Map.of("action_ref", ref, "action_repository", REPOSITORY) : Map.of());

        assertThat(outcome.exitCode()).as(outcome.toString()).isZero();
        assertThat(outcome.ran()).containsExactly(INSTALL);
        assertThat(outcome.outputs().get("install")).containsEntry("version", expected);
        assertThat(requests).containsExactly(jarPath(expected));
        assertThat(tmp.resolve("runner/temp/pylock-trust-" + expected + "/lib/pylock-trust.jar"))
                .hasBinaryContent(("jar " + expected).getBytes());
    }

    @Test
    void aJarWhoseSha256IsNotTheRecordedOneIsRefusedAndNothingRuns() throws Exception {
        Path action = action("v0.9.0", Map.of("0.9.0", jar));
        byte[] other = jar.clone();
        other[other.length / 2] ^= 1;
        served.put(jarPath("0.9.0"), other);

        var outcome = run(action, verifyTheDemoLock(""), Map.of("action_ref", "v0.9.0"));

        assertThat(outcome.exitCode()).as(outcome.toString()).isEqualTo(1);
        assertThat(outcome.ran()).containsExactly(INSTALL);
        assertThat(outcome.log()).isEqualTo("::error title=pylock-trust action::refusing to run http://127.0.0.1:"
                + server.getAddress().getPort() + jarPath("0.9.0") + ": its sha256 is " + sha256(other)
                + ", but this action records " + sha256(jar) + " for pylock-trust 0.9.0 (action/releases.sha256). It"
                + " is not the released jar; nothing was run.\n");
        assertThat(outcome.pathAdditions()).isEmpty();
        assertThat(tmp.resolve("runner/temp/pylock-trust-0.9.0")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.9.1", "0.9", "9.0.9.0", "source ", "$(touch pwned)", "0.9.0.jar"})
    void aVersionTheActionDoesNotRecordIsRefusedBeforeAnyDownload(String version) throws Exception {
        Path action = action("v0.9.0", Map.of("0.9.0", jar, "0.8.0", new byte[] {1}));
        served.put(jarPath("0.9.0"), jar);

        var outcome = run(action, verifyTheDemoLock(version), Map.of());

        assertThat(outcome.exitCode()).as(outcome.toString()).isEqualTo(2);
        assertThat(outcome.ran()).containsExactly(INSTALL);
        assertThat(outcome.log()).isEqualTo("::error title=pylock-trust action::pylock-trust '" + version
                + "' is not a release this action records (action/releases.sha256: 0.8.0 0.9.0). Use one of those,"
                + " or pin the action to the release's tag or commit, or set version: source.\n");
        assertThat(requests).isEmpty();
        assertThat(tmp.resolve("runner/workspace/pwned")).doesNotExist();
    }

    @Test
    void aTagThatNamesAnUnrecordedReleaseIsRefused() throws Exception {
        Path action = action("v0.9.1", Map.of("0.9.0", jar));

        var outcome = run(action, verifyTheDemoLock(""), Map.of("action_ref", "v0.9.1"));

        assertThat(outcome.exitCode()).as(outcome.toString()).isEqualTo(2);
        assertThat(outcome.log())
                .startsWith("::error title=pylock-trust action::pylock-trust '0.9.1' is not a release");
        assertThat(requests).isEmpty();
    }

    @Test
    void aFailedDownloadStopsWithExitCode3() throws Exception {
        Path action = action("v0.9.0", Map.of("0.9.0", jar));

        var outcome = run(action, verifyTheDemoLock(""), Map.of());

        assertThat(outcome.exitCode()).as(outcome.toString()).isEqualTo(3);
        assertThat(outcome.ran()).containsExactly(INSTALL);
        assertThat(outcome.log()).endsWith("::error title=pylock-trust action::could not download pylock-trust 0.9.0"
                + " from http://127.0.0.1:" + server.getAddress().getPort() + jarPath("0.9.0") + "\n");
        assertThat(tmp.resolve("runner/temp/pylock-trust-0.9.0")).doesNotExist();
    }

    @Test
    void aRefThatRecordsNoReleaseBuildsFromSource() throws Exception {
        Path action = action("main", Map.of());

        var outcome = run(action, verifyTheDemoLock(""), Map.of("action_ref", "main"));

        assertThat(outcome.exitCode()).as(outcome.toString()).isZero();
        assertThat(outcome.ran()).containsExactlyElementsOf(SOURCE_BUILD);
        assertThat(outcome.log()).startsWith("::notice title=pylock-trust action::this action's ref (main) records no"
                + " pylock-trust release: building it from source with Maven\n").contains("verified 3 files");
        assertThat(action.resolve("mvnw.log")).hasContent("-B -q -DskipTests package");
        assertThat(outcome.pathAdditions()).containsExactly(action.resolve("bin").toString());
        assertThat(requests).isEmpty();
    }

    @Test
    void versionSourceBuildsFromSourceEvenWhereAReleaseIsRecorded() throws Exception {
        Path action = action("v0.9.0", Map.of("0.9.0", jar));

        var outcome = run(action, verifyTheDemoLock("source"), Map.of("action_ref", "v0.9.0"));

        assertThat(outcome.exitCode()).as(outcome.toString()).isZero();
        assertThat(outcome.ran()).containsExactlyElementsOf(SOURCE_BUILD);
        assertThat(outcome.outputs().get("install")).containsEntry("mode", "source").containsEntry("version", "source");
        assertThat(requests).isEmpty();
    }
}
