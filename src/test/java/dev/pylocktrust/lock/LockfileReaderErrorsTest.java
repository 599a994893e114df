package dev.pylocktrust.lock;

import static dev.pylocktrust.lock.Fixtures.sha;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.pylocktrust.ExitCode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every MUST of PEP 751 the reader enforces, with the exact message a user sees: file, line, key path, problem.
 * Line numbers are those of the offending key, or of the table when the key is missing.
 */
class LockfileReaderErrorsTest {
    private static final String H = Fixtures.HEAD; // lines 1-2
    private static final String W = "https://files.example/foo-1.0-py3-none-any.whl";
    private static final String HASH = "hashes = { sha256 = \"" + sha('a') + "\" }";

    static Stream<Arguments> invalid() {
        return Stream.of(
                arguments("created-by = \"x\"\npackages = []\n",
                        "pylock.toml:1: lock-version: required string missing"),
                arguments("lock-version = 1\ncreated-by = \"x\"\npackages = []\n",
                        "pylock.toml:1: lock-version: expected a string, found an integer"),
                arguments("lock-version = \"2.0\"\ncreated-by = \"x\"\npackages = []\n",
                        "pylock.toml:1: lock-version: lock-version 2.0 is not supported "
                                + "(this version of pylock-trust reads lock-version 1.x)"),
                arguments("lock-version = \"one\"\ncreated-by = \"x\"\npackages = []\n",
                        "pylock.toml:1: lock-version: 'one' is not a version number"),
                arguments("lock-version = \"1.0\"\npackages = []\n",
                        "pylock.toml:1: created-by: required string missing"),
                arguments(H, "pylock.toml:1: packages: required array missing"),
                arguments(H + "packages = {}\n", "pylock.toml:3: packages: expected an array, found a table"),
                arguments(H + "extras = [\"Dev_Tools\"]\npackages = []\n",
                        "pylock.toml:3: extras[0]: extra name 'Dev_Tools' is not normalized"),
                arguments(H + "environments = [1]\npackages = []\n",
                        "pylock.toml:3: environments[0]: expected a string, found an integer"),
                arguments(H + "\n[[packages]]\nname = \"Foo_Bar\"\nversion = \"1.0\"\n",
                        "pylock.toml:5: packages[0].name: package name 'Foo_Bar' is not normalized"),
                arguments(H + "\n[[packages]]\nname = \"-foo\"\n",
                        "pylock.toml:5: packages[0].name: '-foo' is not a valid package name"),
                arguments(H + "\n[[packages]]\nversion = \"1.0\"\n",
                        "pylock.toml:4: packages[0].name: required string missing"),
                arguments(H + "\n[[packages]]\nname = \"foo\"\nversion = \"one\"\n",
                        "pylock.toml:6: packages[0].version: invalid version 'one': does not follow the PEP 440 "
                                + "version scheme ([N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local], e.g. 1.2.3, 2.0rc1, "
                                + "1!1.0.post2.dev3+ubuntu.1)"),
                arguments(H + "\n[[packages]]\nname = \"foo\"\nversion = \"1.0\"\n",
                        "pylock.toml:4: packages[0]: a package needs a source: sdist, wheels, "
                                + "or exactly one of vcs, directory, archive"),
                arguments(H + "\n[[packages]]\nname = \"foo\"\ndirectory = { path = \".\" }\n"
                                + "vcs = { type = \"git\", url = \"u\", commit-id = \"c\" }\n",
                        "pylock.toml:4: packages[0]: exactly one of vcs, directory, archive may be set"),
                arguments(H + "\n[[packages]]\nname = \"foo\"\nversion = \"1.0\"\ndirectory = { path = \".\" }\n"
                                + "wheels = [{ url = \"" + W + "\", " + HASH + " }]\n",
                        "pylock.toml:4: packages[0]: vcs, directory and archive must not be set "
                                + "when sdist or wheels are set"),
                arguments(H + "\n[[packages]]\nname = \"foo\"\nvcs = { type = \"git\", url = \"u\" }\n",
                        "pylock.toml:6: packages[0].vcs.commit-id: required string missing"),
                arguments(H + "\n[[packages]]\nname = \"foo\"\narchive = { url = \"u\" }\n",
                        "pylock.toml:6: packages[0].archive.hashes: required table missing"),
                arguments(H + "\n[[packages]]\nname = \"foo\"\nversion = \"1.0\"\n\n[[packages.wheels]]\n"
                                + "url = \"" + W + "\"\n",
                        "pylock.toml:8: packages[0].wheels[0].hashes: required table missing"),
                arguments(H + "\n[[packages]]\nname = \"foo\"\nversion = \"1.0\"\n\n[[packages.wheels]]\n"
                                + "url = \"" + W + "\"\nhashes = {}\n",
                        "pylock.toml:10: packages[0].wheels[0].hashes: must contain at least one hash"),
                arguments(H + "\n[[packages]]\nname = \"foo\"\nversion = \"1.0\"\nwheels = [\n"
                                + "  { url = \"" + W + "\", hashes = { sha256 = \"abc\" } },\n]\n",
                        "pylock.toml:8: packages[0].wheels[0].hashes.sha256: expected 64 hex digits, "
                                + "found 3 characters"),
                arguments(H + "\n[[packages]]\nname = \"foo\"\nversion = \"1.0\"\nwheels = [\n"
                                + "  { url = \"" + W + "\", hashes = { sha256 = 7 } },\n]\n",
                        "pylock.toml:8: packages[0].wheels[0].hashes.sha256: expected a string, found an integer"),
                arguments(H + "\n[[packages]]\nname = \"foo\"\nversion = \"1.0\"\n\n[[packages.wheels]]\n"
                                + "url = \"" + W + "\"\nsize = -1\n" + HASH + "\n",
                        "pylock.toml:10: packages[0].wheels[0].size: must not be negative, found -1"),
                arguments(H + "\n[[packages]]\nname = \"foo\"\nversion = \"1.0\"\n\n[[packages.wheels]]\n"
                                + "url = \"" + W + "\"\nsize = \"12\"\n" + HASH + "\n",
                        "pylock.toml:10: packages[0].wheels[0].size: expected an integer, found a string"),
                arguments(H + "\n[[packages]]\nname = \"foo\"\nversion = \"1.0\"\n\n[[packages.wheels]]\n"
                                + "url = \"" + W + "\"\nupload-time = \"2025-01-25T11:30:10Z\"\n" + HASH + "\n",
                        "pylock.toml:10: packages[0].wheels[0].upload-time: expected a TOML date-time such as "
                                + "2025-01-25T11:30:10Z, found a string"),
                arguments(H + "\n[[packages]]\nname = \"foo\"\nversion = \"1.0\"\n\n[[packages.wheels]]\n"
                                + "upload-time = 2025-01-25\n" + HASH + "\n",
                        "pylock.toml:8: packages[0].wheels[0]: needs a url or a path"),
                arguments(H + "\n[[packages]]\nname = \"foo\"\nversion = \"1.0\"\n\n[[packages.wheels]]\n"
                                + "url = \"" + W + "\"\nupload-time = 2025-01-25\n" + HASH + "\n",
                        "pylock.toml:10: packages[0].wheels[0].upload-time: expected a TOML date-time such as "
                                + "2025-01-25T11:30:10Z, found a local date"),
                arguments(H + "\n[[packages]]\nname = \"foo\"\nversion = \"1.0\"\n"
                                + "wheels = [{ url = \"https://x/bar-1.0-py3-none-any.whl\", " + HASH + " }]\n",
                        "pylock.toml:7: packages[0].wheels[0].url: wheel 'bar-1.0-py3-none-any.whl' is for "
                                + "project 'bar', not 'foo'"),
                arguments(H + "\n[[packages]]\nname = \"foo\"\nversion = \"1.0\"\n"
                                + "wheels = [{ url = \"https://x/foo-2.0-py3-none-any.whl\", " + HASH + " }]\n",
                        "pylock.toml:7: packages[0].wheels[0].url: 'foo-2.0-py3-none-any.whl' is version 2.0, "
                                + "but the package is version 1.0"),
                arguments(H + "\n[[packages]]\nname = \"foo\"\nversion = \"1.0\"\n"
                                + "wheels = [{ name = \"foo-1.0.zip\", url = \"u\", " + HASH + " }]\n",
                        "pylock.toml:7: packages[0].wheels[0].name: invalid wheel filename 'foo-1.0.zip': "
                                + "must end with '.whl' (case-sensitive)"),
                arguments(H + "\n[[packages]]\nname = \"foo\"\nversion = \"1.0\"\n"
                                + "wheels = [{ url = \"https://x/..%2F..%2Ffoo-1.0-py3-none-any.whl\", " + HASH + " }]\n",
                        "pylock.toml:7: packages[0].wheels[0].url: filename '../../foo-1.0-py3-none-any.whl' "
                                + "contains a path separator"),
                arguments(H + "\n[[packages]]\nname = \"foo\"\nversion = \"1.0\"\n"
                                + "wheels = [{ url = \"https://x/\", " + HASH + " }]\n",
                        "pylock.toml:7: packages[0].wheels[0].url: cannot derive a filename from name, path or url"),
                arguments(H + "\n[[packages]]\nname = \"foo\"\nversion = \"1.0\"\n"
                                + "sdist = { url = \"https://x/foo-1.1.tar.gz\", " + HASH + " }\n",
                        "pylock.toml:7: packages[0].sdist.url: source distribution 'foo-1.1.tar.gz' is version "
                                + "1.1, but the package is version 1.0"),
                arguments(H + "\n[[packages]]\nname = \"foo\"\nversion = \"1.0\"\n"
                                + "sdist = { path = \"dist/foo.tar.gz\", " + HASH + " }\n",
                        "pylock.toml:7: packages[0].sdist.path: source distribution 'foo.tar.gz' does not start "
                                + "with the project name 'foo' followed by '-' and a valid version"),
                arguments(H + "\n[[packages]]\nname = \"foo\"\nversion = \"1.0\"\n"
                                + "wheels = [{ url = \"" + W + "\", " + HASH + " }]\n"
                                + "\n[[packages.attestation-identities]]\nrepository = \"o/r\"\n",
                        "pylock.toml:9: packages[0].attestation-identities[0].kind: required string missing"),
                arguments(H + "\n[[packages]]\nname = \"foo\"\nversion = \"1.0\"\n"
                                + "wheels = [{ url = \"" + W + "\", " + HASH + " }]\n"
                                + "attestation-identities = [{ kind = \"\" }]\n",
                        "pylock.toml:8: packages[0].attestation-identities[0].kind: must not be empty"),
                arguments(H + "\n[[packages]]\nname = \"foo\"\nversion = \"1.0\"\n"
                                + "wheels = [{ url = \"" + W + "\", " + HASH + " }]\n"
                                + "dependencies = [\"bar\"]\n",
                        "pylock.toml:8: packages[0].dependencies[0]: expected a table, found a string"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void rejectsWithFileLineAndKeyPath(String toml, String expected) {
        assertThatThrownBy(() -> Fixtures.parse(toml))
                .isInstanceOf(LockfileException.class)
                .hasMessage(expected)
                .satisfies(e -> assertThat(((LockfileException) e).exitCode()).isEqualTo(ExitCode.USAGE));
    }

    /** Markers and specifiers are checked with the shared PyPA parsers; their message follows the location. */
    static Stream<Arguments> invalidPyPaStrings() {
        return Stream.of(
                arguments(H + "\n[[packages]]\nname = \"foo\"\nmarker = \"python_version >> '3'\"\n",
                        "pylock.toml:6: packages[0].marker: invalid marker "),
                arguments(H + "\n[[packages]]\nname = \"foo\"\nrequires-python = \">=3.8,<<4\"\n",
                        "pylock.toml:6: packages[0].requires-python: invalid specifier set "),
                arguments(H + "requires-python = \">=3.9,<<4\"\npackages = []\n",
                        "pylock.toml:3: requires-python: invalid specifier set "),
                arguments(H + "environments = [\n  \"sys_platform == 'linux'\",\n  \"os_nam == 'nt'\",\n]\n"
                                + "packages = []\n",
                        "pylock.toml:5: environments[1]: invalid marker "));
    }

    @ParameterizedTest
    @MethodSource("invalidPyPaStrings")
    void markersAndSpecifiersAreChecked(String toml, String expectedStart) {
        assertThatThrownBy(() -> Fixtures.parse(toml))
                .isInstanceOf(LockfileException.class)
                .hasMessageStartingWith(expectedStart);
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void crlfGivesTheSameMessage(String toml, String expected) {
        assertThatThrownBy(() -> Fixtures.parse(toml.replace("\n", "\r\n"))).hasMessage(expected);
    }
}
