package dev.pylocktrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pylocktrust.Printable;
import dev.pylocktrust.testkit.MintRequest;
import dev.pylocktrust.testkit.TestIdentity;
import dev.pylocktrust.testkit.TestSigstore;
import dev.pylocktrust.testkit.index.Faults;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same hostile strings, sent through every way text reaches pylock-trust (a hostile index page, provenance
 * publisher fields, file names, lock file contents, requirement lines, error paths, arguments), through every
 * command and every output format: no raw control, bidi or separator character reaches stdout, stderr or the job
 * summary, and no hostile newline starts a line of its own (the strings end in {@code \nFORGED}).
 */
@ExtendWith(SharedLockScenario.class)
class HostileOutputTest {
    /** Escape sequences (CSI, OSC 8 hyperlink, BEL), bidi override and isolate, marks, separators, C1, DEL, CR, TAB. */
    static final String HOSTILE = "\u001b[31mRED\u001b]8;;https://evil.example\u0007link\u202Eevil\u2066iso\u200F"
            + "\u061C\u200E\u2028sep\u2029\u0085\u009b2J\u007fDEL\rOVER\tTAB\nFORGED";
    /** What the publisher patterns let through (no C0 controls): bidi, marks, separators, C1, DEL. */
    static final String HOSTILE_NO_C0 = "pypi\u202Eevil\u2066iso\u200F\u061C\u2028\u2029\u0085\u009b\u007f";
    /** A file name's worth (no '/' and no NUL). */
    static final String HOSTILE_NAME = "x\u001b[2J\u202Ey\u2028\u0085\u007f\r\nFORGED";

    private static final String WHEEL = "widget-5.0.0-py3-none-any.whl";
    private static final String SDIST = "widget-5.0.0.tar.gz";

    @TempDir
    Path dir;

    private final LockScenario s;
    private static int runs;
    private static int shown;

    HostileOutputTest(LockScenario s) {
        this.s = s;
    }

    @AfterAll
    static void counts() {
        assertThat(runs).as("command runs with hostile input").isGreaterThanOrEqualTo(60);
        assertThat(shown).as("runs that showed hostile text, escaped (the payloads do reach the output)")
                .isGreaterThan(runs / 2);
    }

    @BeforeEach
    void reset() {
        s.reset();
    }

    @Test
    void indexAssertedPublisherFieldsThroughLockAndVerify() throws IOException {
        servePublisher(Map.of("kind", "GitHub", "repository", "acme/widget", "workflow", "release.yml",
                "environment", HOSTILE_NO_C0));
        Path lock = dir.resolve("pylock.toml");
        CliRunner.Result first = lock(lock);
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.stdout()).contains("environment pypi\\u202Eevil\\u2066iso\\u200F\\u061C");
        lockJson(dir.resolve("pylock.json.toml"));
        verifyEveryFormat(lock);

        // An unknown kind with hostile keys cannot verify: the refusal quotes them.
        servePublisher(Map.of("kind", HOSTILE, HOSTILE, HOSTILE));
        lock(dir.resolve("refused.toml"));
        lockJson(dir.resolve("refused-json.toml"));
        verifyEveryFormat(lock);
    }

    @Test
    void aHostileIndexPage() throws IOException {
        Path lock = dir.resolve("pylock.toml");
        assertThat(lock(lock).exitCode()).isZero();
        String sha = s.index.file("widget", WHEEL).sha256();
        String json = "{\"meta\": {\"api-version\": \"1.4\"}, \"name\": \"widget\", \"versions\": [\"5.0.0\"], "
                + "\"files\": [{\"filename\": \"" + WHEEL + "\", \"url\": \"../../files/widget/" + WHEEL + "\", "
                + "\"hashes\": {\"sha256\": \"" + sha + "\"}, \"yanked\": " + jsonString(HOSTILE) + ", "
                + "\"provenance\": " + jsonString(s.server.url("/integrity/") + HOSTILE) + "}, "
                + "{\"filename\": " + jsonString(HOSTILE_NAME + ".whl") + ", \"url\": \"../x\", \"hashes\": {}}]}";
        String html = "<!DOCTYPE html><html><body><a href=\"../../files/widget/" + WHEEL + "#sha256=" + sha
                + "\" data-yanked=\"" + HOSTILE + "\" data-provenance=\"" + HOSTILE + "\">" + HOSTILE + "</a>"
                + "<a href=\"" + HOSTILE_NAME + "\">" + HOSTILE_NAME + "</a></body></html>";
        for (String[] page : new String[][] {{"application/vnd.pypi.simple.v1+json", json},
                {"application/vnd.pypi.simple.v1+html", html}, {"text/html\u001b[2J\u202E", html}}) {
            s.server.faults().clear();
            s.server.faults().body("/simple/widget/", page[0], page[1].getBytes(StandardCharsets.UTF_8),
                    Faults.FOREVER);
            lock(dir.resolve("again.toml"));
            lockJson(dir.resolve("again-json.toml"));
            verifyEveryFormat(lock);
        }
    }

    @Test
    void hostileLockFileContentsThroughDiffVerifyAndLock() throws IOException {
        Path base = copyGolden("pylock.base.toml", dir.resolve("base.toml"));
        String head = Files.readString(Path.of("src/test/resources/golden/diff/hostile/pylock.head.toml"))
                .replace("name = \"evilpkg\"", "name = \"evilpkg\"\nmarker = " + toml("os_name == '" + HOSTILE + "'"))
                .replace("[[packages.wheels]]", "[[packages.wheels]]\nname = " + toml("evilpkg-1.0-py3-none-any"
                        + HOSTILE_NO_C0 + ".whl"))
                + "\n[[packages]]\nname = \"widget\"\nversion = \"5.0.0\"\nindex = " + toml(s.server.simpleUrl())
                + "\n\n[[packages.wheels]]\nname = " + toml(WHEEL + "\u202E") + "\nurl = "
                + toml(s.server.url("/files/widget/" + WHEEL) + HOSTILE_NO_C0) + "\nhashes = { sha256 = "
                + toml(s.index.file("widget", WHEEL).sha256()) + " }\n\n[[packages.attestation-identities]]\n"
                + "kind = \"GitHub\"\nrepository = \"acme/widget\"\nworkflow = \"release.yml\"\nenvironment = "
                + toml(HOSTILE_NO_C0) + "\n\n[[packages.attestation-identities]]\nkind = " + toml(HOSTILE) + "\n"
                + toml(HOSTILE) + " = " + toml(HOSTILE) + "\n\n[tool.pylock-trust]\n" + toml(HOSTILE) + " = "
                + toml(HOSTILE) + "\n";
        Path headFile = dir.resolve("head.toml");
        Files.writeString(headFile, head);
        for (String format : List.of("text", "json", "markdown", "github")) {
            check(run("diff", base.toString(), headFile.toString(), "--format", format, "--step-summary",
                    dir.resolve("summary.md").toString()));
        }
        verifyEveryFormat(headFile);
        lock(dir.resolve("from.toml"), "--from-lock", headFile.toString());
        lockJson(dir.resolve("from-json.toml"), "--from-lock", headFile.toString());
        checkFile(dir.resolve("summary.md"));
    }

    @Test
    void hostileRequirementLines() throws IOException {
        Path req = dir.resolve("requirements.txt");
        for (String line : List.of("widget==5.0.0 ; os_name == '" + HOSTILE_NO_C0 + "'",
                "wid\u202Eget==5.0.0", "widget==5.0.0\u2028", "--index-url " + s.server.url("/\u202Esimple/"),
                "widget==5.0.0 --hash=sha256:" + HOSTILE_NO_C0, "widget @ " + s.server.url("/files/widget/") + HOSTILE_NO_C0)) {
            Files.writeString(req, line + "\n");
            lock(dir.resolve("req.toml"), "-r", req.toString());
            lockJson(dir.resolve("req-json.toml"), "-r", req.toString());
        }
        lock(dir.resolve("arg.toml"), "widget==5.0.0 ; os_name == '" + HOSTILE + "'");
    }

    @Test
    void hostileErrorPathsAndArguments() {
        String missing = dir.resolve(HOSTILE_NAME + ".toml").toString();
        for (String format : List.of("text", "json", "github")) {
            check(run("verify", missing, "--format", format));
        }
        for (String format : List.of("text", "json", "markdown", "github")) {
            check(run("diff", missing, missing, "--format", format));
        }
        for (String format : List.of("text", "json")) {
            check(run("inspect", missing, "--format", format));
            check(run("trust-root", "show", "--trusted-root", missing, "--format", format));
            check(LockScenario.run(dev.pylocktrust.lock.AtomicFileWriter.Ops.DEFAULT, "lock", "-r", missing,
                    "--format", format, "-o", dir.resolve("never.toml").toString()));
        }
        check(run("verify", missing, "--format", HOSTILE));
        check(run("verify", "--" + HOSTILE));
        check(run("diff", missing, missing, "--git-repo", missing));
        check(run(HOSTILE));
    }

    @Test
    void inspectAHostileProvenance() throws IOException {
        var f = s.index.file("widget", WHEEL);
        var minted = s.sigstore.mint(MintRequest.of(WHEEL, f.sha256(), TestIdentity.github("acme/widget",
                "release.yml")));
        for (Map<String, String> publisher : List.of(
                Map.of("kind", "GitHub", "repository", "acme/widget", "workflow", "release.yml", "environment",
                        HOSTILE_NO_C0),
                Map.of("kind", HOSTILE, HOSTILE, HOSTILE))) {
            Path file = dir.resolve("provenance.json");
            Files.write(file, TestSigstore.provenanceAsserting(publisher, minted));
            for (String format : List.of("text", "json")) {
                check(run("inspect", file.toString(), "--trusted-root", s.trustedRoot.toString(), "--format", format));
                check(run("inspect", file.toString(), "--trusted-root", s.trustedRoot.toString(), "--format", format,
                        "--filename", HOSTILE_NAME, "--sha256", f.sha256()));
            }
        }
    }

    @Test
    void trustRootShowOfAHostileRoot() throws IOException {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var root = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(s.trustedRoot.toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) root.withArray("tlogs").get(0)).put("baseUrl", HOSTILE);
        ((com.fasterxml.jackson.databind.node.ObjectNode) root.withArray("certificateAuthorities").get(0))
                .put("uri", HOSTILE);
        Path hostile = dir.resolve("trusted_root.json");
        mapper.writeValue(hostile.toFile(), root);
        for (String format : List.of("text", "json")) {
            check(run("trust-root", "show", "--trusted-root", hostile.toString(), "--format", format));
        }
    }

    // --- runs

    private void servePublisher(Map<String, String> publisher) {
        var index = s.index;
        for (String name : List.of(WHEEL, SDIST)) {
            var f = index.file("widget", name);
            var minted = s.sigstore.mint(MintRequest.of(name, f.sha256(), TestIdentity.github("acme/widget",
                    "release.yml")));
            byte[] provenance = TestSigstore.provenanceAsserting(publisher, minted);
            index = index.withFile("widget", name, x -> x.withProvenance(provenance));
        }
        s.server.serve(index);
    }

    private CliRunner.Result lock(Path out, String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        if (args.length == 0) {
            all.add("widget==5.0.0");
        }
        return check(s.lock(out, all.toArray(String[]::new)));
    }

    private void lockJson(Path out, String... args) {
        List<String> all = new ArrayList<>(List.of("--format", "json"));
        all.addAll(Arrays.asList(args));
        if (args.length == 0) {
            all.add("widget==5.0.0");
        }
        check(s.lock(out, all.toArray(String[]::new)));
    }

    private void verifyEveryFormat(Path lock) throws IOException {
        Path summary = dir.resolve("verify-summary.md");
        for (String format : List.of("text", "json", "github")) {
            List<String> args = new ArrayList<>(List.of("verify", lock.toString(), "--format", format,
                    "--step-summary", summary.toString()));
            args.addAll(s.indexArgs());
            check(run(args.toArray(String[]::new)));
            check(run(Stream.concat(args.stream(), Stream.of("-v")).toArray(String[]::new)));
        }
        checkFile(summary);
    }

    private static CliRunner.Result run(String... args) {
        return CliRunner.run(args);
    }

    // --- assertions

    private static CliRunner.Result check(CliRunner.Result r) {
        runs++;
        assertThat(r.exitCode()).as("no internal error: %s", r).isNotEqualTo(70);
        assertPrintable("stdout of " + r, r.stdout());
        assertPrintable("stderr of " + r, r.stderr());
        if (Stream.of("\\u202E", "\\u001B", "\\u2028").anyMatch(e -> (r.stdout() + r.stderr()).contains(e))) {
            shown++;
        }
        return r;
    }

    private static void checkFile(Path file) throws IOException {
        if (Files.exists(file)) {
            assertPrintable(file.toString(), Files.readString(file));
        }
    }

    /** No unsafe character but the tool's own newlines, and no hostile newline (each payload ends in \nFORGED). */
    static void assertPrintable(String where, String text) {
        text.codePoints().filter(cp -> cp != '\n' && Printable.isUnsafe(cp)).findFirst().ifPresent(cp ->
                assertThat(Printable.escape(cp)).as("raw character in %s", where).isNull());
        assertThat(text).as(where).doesNotContain("\nFORGED");
    }

    // --- encodings of the payloads

    private static String jsonString(String s) {
        return jsonEscaped(s);
    }

    private static String jsonEscaped(String s) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(s);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A TOML basic string with every non-ASCII or control character as a {@code \\uXXXX} escape. */
    private static String toml(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c >= 0x7f) {
                sb.append(String.format(java.util.Locale.ROOT, "\\u%04X", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    private static Path copyGolden(String name, Path to) throws IOException {
        return Files.copy(Path.of("src/test/resources/golden/diff/hostile", name), to);
    }
}
