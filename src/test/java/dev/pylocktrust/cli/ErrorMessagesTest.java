package dev.pylocktrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pylocktrust.lock.AtomicFileWriter;
import dev.pylocktrust.testkit.SchemaCheck;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A battery of bad inputs through every command: each ends with its documented exit code and a message for people
 * (no exception class, no {@code java.} name, no {@code Foo.Bar} class-like name, no control character) on stderr,
 * and, with {@code --format json}, a JSON error object on stdout that the command's published schema accepts.
 */
class ErrorMessagesTest {
    private static final Pattern QUALIFIED = Pattern.compile("\\b(java|javax|jdk|sun|com|org|okhttp3|kotlin|dev)"
            + "\\.[a-z]");
    private static final Pattern CLASS_LIKE = Pattern.compile("\\b[A-Z][a-z0-9]+[A-Za-z0-9]*\\.[A-Z][A-Za-z0-9]+");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\n]]");
    private static final String E = "examples/";
    private static final String PROV = E + "provenance/sampleproject-4.0.0.tar.gz.provenance.json";
    private static final Map<String, String> SCHEMAS = Map.of(
            "lock", "schema/pylock-trust.lock-2.schema.json",
            "verify", "schema/verify-report.schema.json",
            "diff", "schema/diff-report.schema.json",
            "inspect", "schema/pylock-trust.inspect-2.schema.json",
            "trust-root", "schema/pylock-trust.trust-root-1.schema.json");

    @TempDir
    static Path tmp;

    private static Path garbage;
    private static Path emptyRequirements;
    private static Path existingGarbageLock;
    private static Path notADirectory;

    @BeforeAll
    static void files() throws IOException {
        byte[] bytes = new byte[512];
        new Random(15).nextBytes(bytes);
        garbage = Files.write(tmp.resolve("garbage.json"), bytes);
        emptyRequirements = Files.writeString(tmp.resolve("empty.txt"), "# nothing yet\n");
        existingGarbageLock = Files.write(tmp.resolve("pylock.existing.toml"), bytes);
        notADirectory = Files.writeString(tmp.resolve("a-file"), "x");
    }

    private record Case(String name, int exit, List<String> args, AtomicFileWriter.Ops ops) {
        Case(String name, int exit, String... args) {
            this(name, exit, List.of(args), AtomicFileWriter.Ops.DEFAULT);
        }

        CliRunner.Result run(boolean json) {
            List<String> all = new ArrayList<>(args);
            if (json) {
                all.add("--format");
                all.add("json");
            }
            return LockScenario.run(ops, all.toArray(String[]::new));
        }

        String schemaKey() {
            return args.get(0);
        }
    }

    private static List<Case> cases() throws IOException {
        String out = tmp.resolve("pylock.toml").toString();
        String cache = notADirectory.resolve("cache").toString();
        String closed = closedPortUrl();
        AtomicFileWriter.Ops denied = new Failing(new AccessDeniedException(tmp.resolve(".pylock.toml.e4c98590b68e3"
                + "4c3.tmp").toString()));
        AtomicFileWriter.Ops bug = new Failing(null);
        return List.of(
                new Case("lock: unknown option", 2, "lock", "--frobnicate", "x"),
                new Case("lock: --accept-identity-change without --reason", 2, "lock", "x==1", "--no-deps",
                        "--accept-identity-change", "x"),
                new Case("lock: no such requirements file", 2, "lock", "-r", "nope.txt", "-o", out),
                new Case("lock: binary requirements file", 2, "lock", "-r", garbage.toString(), "-o", out),
                new Case("lock: empty requirements", 2, "lock", "-r", emptyRequirements.toString(), "--index-url",
                        E + "index", "-o", out),
                new Case("lock: unknown project, resolving", 2, "lock", "nosuchproject12345", "--index-url",
                        E + "index", "-o", out, "--no-cache"),
                new Case("lock: unknown project, --no-deps", 2, "lock", "nosuchproject12345==1.0", "--no-deps",
                        "--index-url", E + "index", "-o", out, "--no-cache"),
                new Case("lock: existing output is not a lock", 2, "lock", "-r", E + "requirements.txt", "--no-deps",
                        "--index-url", E + "index", "-o", existingGarbageLock.toString()),
                new Case("lock: no such trusted root", 2, "lock", "-r", E + "requirements.txt", "--no-deps",
                        "--index-url", E + "index", "-o", out, "--trusted-root", "nope.json", "--no-cache"),
                new Case("lock: garbage trusted root", 2, "lock", "-r", E + "requirements.txt", "--no-deps",
                        "--index-url", E + "index", "-o", out, "--trusted-root", garbage.toString(), "--no-cache"),
                new Case("lock: cache directory under a file", 2, "lock", "-r", E + "requirements.txt", "--no-deps",
                        "--index-url", closed, "-o", out, "--cache-dir", cache),
                new Case("lock: index unreachable", 3, "lock", "-r", E + "requirements.txt", "--no-deps",
                        "--index-url", closed, "--trusted-host", "127.0.0.1", "--no-cache", "-o", out),
                new Case("lock: read-only output directory", 2, List.of("lock", "-r", E + "requirements.txt",
                        "--no-deps", "--index-url", E + "index", "--no-cache", "-o", out), denied),
                new Case("lock: a bug", 70, List.of("lock", "-r", E + "requirements.txt", "--no-deps", "--index-url",
                        E + "index", "--no-cache", "-o", out), bug),
                new Case("verify: no such lock", 2, "verify", "nope.toml"),
                new Case("verify: binary lock", 2, "verify", garbage.toString()),
                new Case("verify: --environment current alone", 2, "verify", E + "pylock.toml", "--environment",
                        "current"),
                new Case("verify: unknown option", 2, "verify", "--frobnicate"),
                new Case("verify: garbage trusted root", 2, "verify", E + "pylock.toml", "--index-url", E + "index",
                        "--trusted-root", garbage.toString(), "--no-cache"),
                new Case("verify: index unreachable", 3, "verify", E + "pylock.toml", "--index-url", closed,
                        "--trusted-host", "127.0.0.1", "--no-cache"),
                new Case("diff: one argument", 2, "diff", E + "pylock.toml"),
                new Case("diff: no such file", 2, "diff", "nope.toml", E + "pylock.toml"),
                new Case("diff: binary file", 2, "diff", garbage.toString(), E + "pylock.toml"),
                new Case("inspect: --filename without --sha256", 2, "inspect", PROV, "--filename", "x.tar.gz"),
                new Case("inspect: no such file", 2, "inspect", "nope.json"),
                new Case("inspect: binary file", 2, "inspect", garbage.toString()),
                new Case("inspect: a directory", 2, "inspect", tmp.toString()),
                new Case("inspect: no such trusted root", 2, "inspect", PROV, "--trusted-root", "nope.json"),
                new Case("inspect: garbage trusted root", 2, "inspect", PROV, "--trusted-root", garbage.toString()),
                new Case("inspect: no such --dist", 2, "inspect", PROV, "--dist", "nope.tar.gz"),
                new Case("trust-root show: garbage trusted root", 2, "trust-root", "show", "--trusted-root",
                        garbage.toString()),
                new Case("trust-root show: no such TUF root", 2, "trust-root", "show", "--trust-root-source", "tuf",
                        "--tuf-root", "nope.json", "--no-cache"),
                new Case("trust-root update: binary TUF root", 2, "trust-root", "update", "--tuf-root",
                        garbage.toString(), "--no-cache"));
    }

    @Test
    void everyBadInputGetsItsExitCodeAndAMessageForPeople() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Case c : cases()) {
            CliRunner.Result r = c.run(false);
            if (r.exitCode() != c.exit()) {
                problems.add(c.name() + ": exit " + r.exitCode() + ", expected " + c.exit() + "\n" + r);
            }
            if (!r.stderr().startsWith("error: ") && !r.stderr().contains("\nerror: ")) {
                problems.add(c.name() + ": no error line\n" + r);
            }
            for (Pattern p : List.of(QUALIFIED, CLASS_LIKE, CONTROL)) {
                if (p.matcher(r.stderr()).find() || r.stderr().contains("Exception")) {
                    problems.add(c.name() + ": stderr reads like Java (" + p + ")\n" + r);
                }
            }
            if (r.stderr().contains("Error: ")) {
                problems.add(c.name() + ": doubled error prefix\n" + r);
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void withFormatJsonStdoutIsAnErrorObjectInTheCommandsSchema() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Case c : cases()) {
            CliRunner.Result r = c.run(true);
            if (r.stdout().isBlank()) {
                problems.add(c.name() + ": nothing on stdout\n" + r);
                continue;
            }
            JsonNode json = new ObjectMapper().readTree(r.stdout());
            var errors = SchemaCheck.load(SCHEMAS.get(c.schemaKey())).rules(json);
            if (!errors.isEmpty()) {
                problems.add(c.name() + ": " + errors + "\n" + r);
            }
            if (json.path("error").path("exit_code").asInt() != r.exitCode()) {
                problems.add(c.name() + ": exit_code differs from the exit code\n" + r);
            }
            if (!r.stderr().contains("error: " + json.path("error").path("message").asText())) {
                problems.add(c.name() + ": the JSON message is not stderr's\n" + r);
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void picocliErrorsHaveOnePrefixAndSayWhatGoesTogether() {
        CliRunner.Result inspect = CliRunner.run("inspect", PROV, "--filename", "x.tar.gz");
        assertThat(inspect.stderr()).startsWith("error: Missing required argument(s): --sha256=HEX\n");
        CliRunner.Result lock = CliRunner.run("lock", "x==1", "--no-deps", "--accept-identity-change", "x");
        assertThat(lock.stderr()).startsWith("error: Missing required argument(s): --reason=TEXT\n");
    }

    @Test
    void anEmptyRequirementsFileIsRefusedUnlessAllowed() {
        Path out = tmp.resolve("pylock.empty.toml");
        CliRunner.Result refused = CliRunner.run("lock", "-r", emptyRequirements.toString(), "--index-url",
                E + "index", "--no-cache", "-o", out.toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.stderr()).isEqualTo("error: nothing to lock: " + emptyRequirements + " names no package\n"
                + "hint: check that you passed the right file; to write a lock without packages on purpose, add "
                + "--allow-empty\n");
        assertThat(out).doesNotExist();

        CliRunner.Result allowed = CliRunner.run("lock", "-r", emptyRequirements.toString(), "--index-url",
                E + "index", "--no-cache", "-o", out.toString(), "--allow-empty");
        assertThat(allowed.exitCode()).as(allowed.toString()).isZero();
        assertThat(out).content().contains("packages = []").contains("--allow-empty");
    }

    @Test
    void anUnknownProjectIsTheSameInputErrorWithAndWithoutResolving() {
        Path out = tmp.resolve("pylock.unknown.toml");
        CliRunner.Result resolving = CliRunner.run("lock", "nosuchproject12345", "--index-url", E + "index",
                "--no-cache", "-o", out.toString());
        CliRunner.Result pinned = CliRunner.run("lock", "nosuchproject12345==1.0", "--no-deps", "--index-url",
                E + "index", "--no-cache", "-o", out.toString());
        assertThat(resolving.exitCode()).isEqualTo(pinned.exitCode()).isEqualTo(2);
        assertThat(resolving.stderr()).contains("nosuchproject12345 (not on the index)")
                .contains("hint: the index has no project named nosuchproject12345: check the spelling, and that "
                        + "--index-url is the index that serves it\n");
        assertThat(pinned.stderr()).contains("hint: check the spelling and --index-url");
    }

    @Test
    void aCacheDirectoryThatCannotBeMadeNamesTheSettingsThatMoveIt() throws IOException {
        CliRunner.Result r = CliRunner.run("lock", "-r", E + "requirements.txt", "--no-deps", "--index-url",
                closedPortUrl(), "-o", tmp.resolve("pylock.toml").toString(), "--cache-dir",
                notADirectory.resolve("cache").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).isEqualTo("error: cannot create the cache directory " + notADirectory.resolve("cache")
                + ": not a directory\nhint: point the cache elsewhere: set XDG_CACHE_HOME or PYLOCK_TRUST_CACHE_DIR "
                + "to a writable directory, or pass --cache-dir DIR; or run without a cache with --no-cache\n");
    }

    private static String closedPortUrl() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return "http://127.0.0.1:" + s.getLocalPort() + "/simple";
        }
    }

    /** Disk operations whose write fails with {@code failure}, or with a bug (a NullPointerException) when null. */
    private record Failing(IOException failure) implements AtomicFileWriter.Ops {
        @Override
        public void write(FileChannel channel, ByteBuffer bytes) throws IOException {
            if (failure == null) {
                throw new NullPointerException("simulated bug");
            }
            throw failure;
        }

        @Override
        public void force(FileChannel channel) throws IOException {
            AtomicFileWriter.Ops.DEFAULT.force(channel);
        }

        @Override
        public void move(Path temp, Path target) throws IOException {
            AtomicFileWriter.Ops.DEFAULT.move(temp, target);
        }
    }
}
