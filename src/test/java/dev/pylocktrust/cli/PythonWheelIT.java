package dev.pylocktrust.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.pylocktrust.testkit.python.PipCommands;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Python wheel that {@code package} builds: exactly the launcher, the jar and a valid {@code .dist-info}
 * (PEP 427, 491, 376); installed with the machine's {@code python3} into a fresh virtual environment by pip from the
 * file alone, its {@code pylock-trust} console script runs {@code --version} and the README demo, finds Java as
 * documented (JAVA_HOME, then PATH, 17 or newer, a clear message otherwise), and starts it exactly as
 * {@code bin/pylock-trust} does.
 */
class PythonWheelIT {
    private static final Pattern WHEEL_NAME = Pattern.compile("pylock_trust-([^-]+)-py3-none-any\\.whl");

    @TempDir
    static Path venvParent;
    private static Path wheel;
    private static String wheelVersion;
    private static Path venv;

    @TempDir
    Path tmp;

    @BeforeAll
    static void installTheWheelInAFreshVirtualEnvironment() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("pylocktrust.wheelDirectory")))) {
            List<Path> wheels = files.filter(p -> p.toString().endsWith(".whl")).toList();
            assertThat(wheels).as("one wheel in target/wheel").hasSize(1);
            wheel = wheels.get(0);
        }
        Matcher name = WHEEL_NAME.matcher(wheel.getFileName().toString());
        assertThat(name.matches()).as(wheel.toString()).isTrue();
        wheelVersion = name.group(1);
        try {
            new ProcessBuilder("python3", "--version").start().waitFor();
        } catch (IOException | InterruptedException e) {
            fail("python3 is not on PATH, and the wheel's tests need it (Python 3.8 or newer, with venv): install it,"
                    + " e.g. 'sudo apt install python3 python3-venv' (" + e.getMessage() + ")");
        }
        venv = venvParent.resolve("venv");
        expectSuccess(List.of("python3", "-m", "venv", venv.toString()));
        // The documented command, verbatim, with pip configured (as a pip.conf would) to take the built wheel.
        CliRunner.Result r = LauncherRunner.runProcess(List.of("sh", "-c", PipCommands.INSTALL_TOOL), env -> {
            env.put("PATH", venv.resolve("bin") + java.io.File.pathSeparator + env.getOrDefault("PATH", ""));
            env.put("PIP_NO_INDEX", "1");
            env.put("PIP_FIND_LINKS", wheel.getParent().toString());
            env.put("PIP_DISABLE_PIP_VERSION_CHECK", "1");
        });
        assertThat(r.exitCode()).as(PipCommands.INSTALL_TOOL + "\n" + r).isZero();
    }

    private static CliRunner.Result expectSuccess(List<String> cmd) {
        CliRunner.Result r = LauncherRunner.runProcess(cmd, env -> {});
        assertThat(r.exitCode()).as(cmd + "\n" + r).isZero();
        return r;
    }

    private static Path consoleScript() {
        return venv.resolve("bin/pylock-trust");
    }

    /** Runs the console script with JAVA_HOME, PATH and PYLOCK_TRUST_JAVA_OPTS as given (null: unset). */
    private static CliRunner.Result pylockTrust(String javaHome, String path, String... args) {
        List<String> cmd = new ArrayList<>(List.of(consoleScript().toString()));
        cmd.addAll(List.of(args));
        return LauncherRunner.runProcess(cmd, env -> java(env, javaHome, path));
    }

    private static void java(Map<String, String> env, String javaHome, String path) {
        env.remove("JAVA_HOME");
        env.remove("PYLOCK_TRUST_JAVA_OPTS");
        env.put("PYLOCK_TRUST_ROOT_SOURCE", "embedded");
        if (javaHome != null) {
            env.put("JAVA_HOME", javaHome);
        }
        if (path != null) {
            env.put("PATH", path);
        }
    }

    @Test
    void theWheelIsTheLauncherTheJarAndAValidDistInfoAndNothingElse() throws Exception {
        assertThat(wheelVersion).isEqualTo(VersionProvider.version().replace("-SNAPSHOT", ".dev0"));
        String distInfo = "pylock_trust-" + wheelVersion + ".dist-info/";
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(wheel.toFile())) {
            for (ZipEntry e : zip.stream().toList()) {
                entries.put(e.getName(), zip.getInputStream(e).readAllBytes());
            }
        }
        assertThat(entries.keySet()).containsExactly("pylock_trust/__init__.py", "pylock_trust/__main__.py",
                "pylock_trust/launcher.py", "pylock_trust/pylock-trust.jar", distInfo + "METADATA", distInfo + "WHEEL",
                distInfo + "entry_points.txt", distInfo + "RECORD");
        for (String module : List.of("__init__.py", "__main__.py", "launcher.py")) {
            assertThat(entries.get("pylock_trust/" + module))
                    .isEqualTo(Files.readAllBytes(Path.of("src/main/python/pylock_trust", module)));
        }
        assertThat(entries.get("pylock_trust/pylock-trust.jar"))
                .isEqualTo(Files.readAllBytes(Path.of(System.getProperty("pylocktrust.jar"))));

        String metadata = new String(entries.get(distInfo + "METADATA"), StandardCharsets.UTF_8);
        assertThat(metadata).startsWith("Metadata-Version: 2.").contains("\nName: pylock-trust\n",
                "\nVersion: " + wheelVersion + "\n", "\nRequires-Python: >=3.8\n");
        assertThat(new String(entries.get(distInfo + "WHEEL"), StandardCharsets.UTF_8))
                .startsWith("Wheel-Version: 1.0\n")
                .contains("\nRoot-Is-Purelib: true\n", "\nTag: py3-none-any\n");
        assertThat(new String(entries.get(distInfo + "entry_points.txt"), StandardCharsets.UTF_8))
                .isEqualTo("[console_scripts]\npylock-trust = pylock_trust.launcher:main\n");

        // RECORD: every other file with its sha256 (urlsafe base64, no padding) and size; itself without.
        List<String> record = new String(entries.get(distInfo + "RECORD"), StandardCharsets.UTF_8).lines().toList();
        List<String> expected = new ArrayList<>();
        for (var e : entries.entrySet()) {
            expected.add(e.getKey().equals(distInfo + "RECORD") ? e.getKey() + ",," : e.getKey() + ",sha256="
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(
                            MessageDigest.getInstance("SHA-256").digest(e.getValue())) + "," + e.getValue().length);
        }
        assertThat(record).containsExactlyElementsOf(expected);
    }

    @Test
    void pipInstallsItAndTheConsoleScriptPrintsTheVersionOfTheJar() {
        String version = "pylock-trust " + VersionProvider.version() + "\n";
        CliRunner.Result r = pylockTrust(null, null, "--version");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).startsWith(version);
        assertThat(r.stderr()).isEmpty();
        assertThat(expectSuccess(List.of(venv.resolve("bin/python").toString(), "-m", "pylock_trust", "--version"))
                .stdout()).startsWith(version);
        // pip's own PEP 440 parser agrees with the file name.
        assertThat(expectSuccess(List.of(venv.resolve("bin/python").toString(), "-c", "import sys; from "
                + "pip._vendor.packaging.version import Version; from importlib.metadata import version; "
                + "v = version('pylock-trust'); print(v == str(Version(v)) == sys.argv[1])", wheelVersion)).stdout())
                .isEqualTo("True\n");
    }

    @Test
    void theReadmeDemoRunsThroughTheConsoleScript() throws Exception {
        Path out = tmp.resolve("pylock.toml");
        List<String> cmd = new ArrayList<>(List.of(consoleScript().toString()));
        cmd.addAll(List.of(LockIT.readmeDemo(out)));
        CliRunner.Result r = LauncherRunner.runProcess(cmd, env -> {
            java(env, null, null);
            env.put("PYLOCK_TRUST_CACHE_DIR", tmp.resolve("cache").toString());
        });
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).endsWith("wrote " + out + ": 5 packages, 5 with verified publisher identities\n");
        assertThat(out).content().contains("[[packages.attestation-identities]]");
    }

    @Test
    void javaHomeComesFirst() {
        Path old = fakeJdk("old", "11.0.22", null);
        Path current = fakeJdk("current", "21.0.4", null);
        CliRunner.Result r = pylockTrust(old.toString(), current.resolve("bin") + ":/usr/bin:/bin", "--version");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).startsWith("error: pylock-trust needs Java 17 or newer, but " + old.resolve("bin/java")
                + " (from JAVA_HOME) is Java 11\nhint: install Java 17 or newer (e.g. ");
        assertThat(current.resolve("argv")).doesNotExist();
        assertThat(old.resolve("argv")).doesNotExist();

        CliRunner.Result ok = pylockTrust(System.getProperty("java.home"), null, "--version");
        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        assertThat(ok.stdout()).contains("\nJava " + Runtime.version().feature());
    }

    @Test
    void withoutJavaHomeJavaComesFromPath() throws IOException {
        Path current = fakeJdk("current", "21.0.4", null);
        CliRunner.Result r = pylockTrust(null, current.resolve("bin") + ":/usr/bin:/bin", "verify", "pylock.toml");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(Files.readAllLines(current.resolve("argv"))).endsWith("verify", "pylock.toml");

        Path empty = Files.createDirectories(tmp.resolve("empty"));
        CliRunner.Result none = pylockTrust(null, empty.toString(), "--version");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.stderr()).startsWith("error: no Java runtime found: JAVA_HOME is not set and there is no java"
                + " on PATH\nhint: install Java 17 or newer");
    }

    @Test
    void aJavaHomeWithoutJavaOrAnOldOrUnknownJavaIsAClearError() throws IOException {
        Path notAJdk = Files.createDirectories(tmp.resolve("not-a-jdk"));
        assertThat(pylockTrust(notAJdk.toString(), null, "--version").stderr()).startsWith("error: JAVA_HOME is "
                + notAJdk + ", but " + notAJdk.resolve("bin/java") + " is not an executable file\nhint: ");

        // No release file: the version comes from `java -version`, in the old 1.x scheme here.
        Path java8 = fakeJdk("java8", null, "openjdk version \"1.8.0_392\"");
        CliRunner.Result r = pylockTrust(java8.toString(), null, "--version");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).startsWith("error: pylock-trust needs Java 17 or newer, but " + java8.resolve("bin/java")
                + " (from JAVA_HOME) is Java 8\n");
        assertThat(java8.resolve("argv")).doesNotExist();

        Path odd = fakeJdk("odd", null, "something else entirely");
        assertThat(pylockTrust(odd.toString(), null, "--version").stderr()).startsWith("error: could not tell which"
                + " Java version " + odd.resolve("bin/java") + " is (neither its release file nor -version says)\n");
        assertThat(odd.resolve("argv")).doesNotExist();
    }

    @ParameterizedTest(name = "Java {0}")
    @ValueSource(strings = {"17.0.2", "21.0.4", "25"})
    void theConsoleScriptStartsJavaExactlyAsBinPylockTrustDoes(String javaVersion) throws IOException {
        Path jdk = fakeJdk("jdk", javaVersion, null);
        Map<String, String> env = Map.of("JAVA_HOME", jdk.toString(), "PYLOCK_TRUST_JAVA_OPTS",
                "-Xmx256m -Dpylock.test=1");
        String[] args = {"verify", "--format", "github", "pylock.toml"};

        assertThat(LauncherRunner.run(env, args).exitCode()).isZero();
        List<String> shell = jarAsPlaceholder(Files.readAllLines(jdk.resolve("argv")));
        Files.delete(jdk.resolve("argv"));
        List<String> cmd = new ArrayList<>(List.of(consoleScript().toString()));
        cmd.addAll(List.of(args));
        assertThat(LauncherRunner.runProcess(cmd, e -> e.putAll(env)).exitCode()).isZero();
        List<String> python = jarAsPlaceholder(Files.readAllLines(jdk.resolve("argv")));

        assertThat(python).isEqualTo(shell).endsWith("-Xmx256m", "-Dpylock.test=1", "-jar", "JAR", "verify", "--format",
                "github", "pylock.toml");
    }

    private static List<String> jarAsPlaceholder(List<String> argv) {
        List<String> copy = new ArrayList<>(argv);
        copy.set(copy.indexOf("-jar") + 1, "JAR");
        return copy;
    }

    /**
     * A stand-in JDK: bin/java prints {@code versionOutput} for {@code -version}, else writes its arguments to
     * {@code argv}; a {@code release} file says JAVA_VERSION when {@code releaseVersion} is not null.
     */
    private Path fakeJdk(String name, String releaseVersion, String versionOutput) {
        try {
            Path home = Files.createDirectories(tmp.resolve(name));
            Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
            Files.writeString(java, "#!/bin/sh\nif [ \"$1\" = -version ]; then echo '"
                    + (versionOutput == null ? "" : versionOutput) + "' >&2; exit 0; fi\n"
                    + "printf '%s\\n' \"$@\" > \"$(dirname \"$0\")/../argv\"\n");
            java.toFile().setExecutable(true);
            if (releaseVersion != null) {
                Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + releaseVersion
                        + "\"\n");
            }
            return home;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
