package dev.pylocktrust.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.pylocktrust.UsageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** pip's requirements-file format as {@code lock} reads it: what is accepted, and every refusal with its line. */
class RequirementsFileTest {
    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    private static List<RequirementLine> parse(String text) {
        return RequirementsParser.parse(text, "req.txt").stream()
                .map(e -> ((RequirementsParser.Item) e).line()).toList();
    }

    /** text, normalized requirement, hashes, line of the (single) requirement. */
    static Stream<Arguments> accepted() {
        return Stream.of(
                arguments("foo==1.0", "foo==1.0", List.of(), 1),
                arguments("# a comment\n\n  Foo_Bar == 1.0   # why\n", "foo-bar==1.0", List.of(), 3),
                arguments("foo[Extra1,b]==2.0 ; python_version >= \"3.9\"",
                        "foo[b,extra1]==2.0; python_version >= \"3.9\"", List.of(), 1),
                arguments("foo==1.0 \\\n    --hash=sha256:" + A.toUpperCase() + " \\\n    --hash=sha256:" + B
                        + "\n    # via\n    #   -r requirements.in\n", "foo==1.0", List.of(A, B), 1),
                arguments("\n\nfoo==1.0 --hash sha256:" + A + " --hash=sha256:" + A, "foo==1.0", List.of(A), 3),
                arguments("foo==1.0 \\", "foo==1.0", List.of(), 1),
                arguments("bar\\\n==1.0\r\n", "bar==1.0", List.of(), 1),
                arguments("# c\r\nfoo==1.0\r\n", "foo==1.0", List.of(), 2),
                arguments("foo==1.0 ; sys_platform == \"linux\" --hash=sha256:" + A,
                        "foo==1.0; sys_platform == \"linux\"", List.of(A), 1));
    }

    @ParameterizedTest
    @MethodSource("accepted")
    void accepts(String text, String requirement, List<String> hashes, int line) {
        List<RequirementLine> lines = parse(text);
        assertThat(lines).singleElement().satisfies(l -> {
            assertThat(l.requirement()).hasToString(requirement);
            assertThat(l.sha256()).isEqualTo(hashes);
            assertThat(l.origin()).isEqualTo(RequirementOrigin.of("req.txt", line));
        });
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                arguments("-c constraints.txt", "req.txt:1: constraints files (-c) are not supported"),
                arguments("\n-e .", "req.txt:2: editable requirements (-e) cannot be locked"),
                arguments("--index-url https://example.org/simple",
                        "req.txt:1: --index-url is not supported in a requirements file"),
                arguments("--extra-index-url=https://x", "req.txt:1: --extra-index-url is not supported in a "
                        + "requirements file"),
                arguments("--pre", "req.txt:1: option '--pre' is not supported in a requirements file"),
                arguments("--hash=sha256:" + A, "req.txt:1: --hash must follow a requirement on the same line"),
                arguments("foo==1.0 --no-binary :all:",
                        "req.txt:1: option '--no-binary' is not supported after a requirement (only --hash is)"),
                arguments("foo==1.0 --hash=md5:abc", "req.txt:1: --hash=md5:abc: only sha256 hashes are supported"),
                arguments("foo==1.0 --hash=sha256:abc", "req.txt:1: --hash=sha256:abc: a sha256 is 64 hex digits"),
                arguments("foo==1.0 --hash", "req.txt:1: --hash needs a value such as sha256:<64 hex digits>"),
                arguments("foo==1.0 --hash=" + A, "req.txt:1: --hash=" + A + " must have the form "
                        + "sha256:<64 hex digits>"),
                arguments("https://example.org/foo-1.0.tar.gz", "req.txt:1: 'https://example.org/foo-1.0.tar.gz' "
                        + "is a URL or a path, not a requirement from the index"),
                arguments("./vendor/foo", "req.txt:1: './vendor/foo' is a URL or a path"),
                arguments("foo @ https://example.org/foo.whl", "req.txt:1: 'foo @ https://example.org/foo.whl' is a URL"),
                arguments("x\ny\nfoo#bar==1.0", "req.txt:3: invalid requirement 'foo#bar==1.0'"),
                arguments("foo==${VERSION}", "req.txt:1: invalid requirement"),
                arguments("foo==1.0 \\  # a comment: no continuation\n--hash=sha256:" + A,
                        "req.txt:1: 'foo==1.0 \\' is a URL or a path"),
                arguments("-r", "req.txt:1: -r needs a file name"),
                arguments("-r a.txt b.txt", "req.txt:1: unexpected 'b.txt' after -r a.txt"),
                arguments("-r https://example.org/r.txt", "req.txt:1: -r https://example.org/r.txt: only local "
                        + "requirements files can be included"));
    }

    @ParameterizedTest
    @MethodSource("refused")
    void refuses(String text, String messageStart) {
        assertThatThrownBy(() -> RequirementsParser.parse(text, "req.txt"))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith(messageStart);
    }

    @Test
    void commandLineArgumentsAreNamedByPosition() {
        assertThat(RequirementsFile.fromArguments(List.of("foo==1", "bar==2")))
                .extracting(l -> l.origin().toString())
                .containsExactly("command-line requirement 1", "command-line requirement 2");
        assertThatThrownBy(() -> RequirementsFile.fromArguments(List.of("foo==1", "bar>")))
                .hasMessageStartingWith("command-line requirement 2: invalid requirement 'bar>'");
        assertThatThrownBy(() -> RequirementsFile.fromArguments(List.of("-r")))
                .hasMessage("command-line requirement 1: '-r' is not a requirement");
    }

    @Test
    void nestedFilesAreReadRelativeToTheIncludingFileAndNamedThatWay() throws IOException {
        Path top = write("requirements.txt", "\ufeffalpha==1.0\n-r sub/base.txt\n--requirement=sub/more.txt\n");
        write("sub/base.txt", "# base\nbeta==2.0\n-r../last.txt\n");
        write("sub/more.txt", "gamma==3.0\n");
        write("last.txt", "\n\ndelta==4.0\n");
        List<RequirementLine> lines = RequirementsFile.read(top);
        String d = dir.toString();
        assertThat(lines).extracting(l -> l.requirement().toString() + " @ " + l.origin()).containsExactly(
                "alpha==1.0 @ " + d + "/requirements.txt:1",
                "beta==2.0 @ " + d + "/sub/base.txt:2",
                "delta==4.0 @ " + d + "/last.txt:3",
                "gamma==3.0 @ " + d + "/sub/more.txt:1");
    }

    @Test
    void aMissingNestedFileIsNamedAtTheLineThatIncludesIt() throws IOException {
        Path top = write("requirements.txt", "alpha==1.0\n-r missing.txt\n");
        assertThatThrownBy(() -> RequirementsFile.read(top)).isInstanceOf(UsageException.class)
                .hasMessage(top + ":2: -r " + dir + "/missing.txt: no such file");
    }

    @Test
    void anIncludeCycleIsRefusedAtTheLineThatClosesIt() throws IOException {
        Path a = write("a.txt", "alpha==1.0\n-r b.txt\n");
        write("b.txt", "beta==1.0\n\n-r a.txt\n");
        assertThatThrownBy(() -> RequirementsFile.read(a)).isInstanceOf(UsageException.class)
                .hasMessage(dir + "/b.txt:3: -r " + dir + "/a.txt includes a file that is already being read (an "
                        + "include cycle)");
    }

    @Test
    void aMissingTopLevelFileAndBadEncodingAreUsageErrors() throws IOException {
        assertThatThrownBy(() -> RequirementsFile.read(dir.resolve("nope.txt"))).isInstanceOf(UsageException.class)
                .hasMessage("requirements file " + dir.resolve("nope.txt") + " does not exist");
        Path bad = dir.resolve("latin1.txt");
        Files.write(bad, new byte[] {'f', 'o', 'o', (byte) 0xe9, '=', '=', '1'});
        assertThatThrownBy(() -> RequirementsFile.read(bad)).isInstanceOf(UsageException.class)
                .hasMessage(bad + ": not valid UTF-8");
        assertThatThrownBy(() -> RequirementsFile.read(dir)).isInstanceOf(UsageException.class)
                .hasMessageContaining("is a directory");
    }

    @Test
    void includesNestedTooDeeplyAreRefused() throws IOException {
        for (int i = 0; i <= RequirementsFile.MAX_DEPTH; i++) {
            write("r" + i + ".txt", "-r r" + (i + 1) + ".txt\n");
        }
        write("r" + (RequirementsFile.MAX_DEPTH + 1) + ".txt", "foo==1\n");
        assertThatThrownBy(() -> RequirementsFile.read(dir.resolve("r0.txt"))).isInstanceOf(UsageException.class)
                .hasMessageEndingWith("requirements files nested more than " + RequirementsFile.MAX_DEPTH + " deep");
    }

    static Stream<Arguments> notPins() {
        return Stream.of(
                arguments("foo", "req.txt:1: foo has no version, not an exact pin (foo==VERSION)"),
                arguments("foo>=1.0", "req.txt:1: foo has '>=1.0', not an exact pin (foo==VERSION)"),
                arguments("foo==1.*", "req.txt:1: foo has '==1.*', not an exact pin"),
                arguments("foo===1.0", "req.txt:1: foo has '===1.0', not an exact pin"),
                arguments("foo==1.0,!=2.0", "req.txt:1: foo has "),
                arguments("foo==1.0\nFoo==1.0", "req.txt:2: foo is already listed at req.txt:1"),
                arguments("foo==1.0\nfoo==2.0 ; os_name == \"nt\"", "req.txt:2: foo is already listed at req.txt:1"),
                arguments("foo==1.0 ; os_name == \"nt\"\nfoo==2.0 ; os_name=='nt'",
                        "req.txt:2: foo is already listed at req.txt:1"));
    }

    @ParameterizedTest
    @MethodSource("notPins")
    void noDepsNeedsExactPinsListedOnce(String text, String messageStart) {
        assertThatThrownBy(() -> Pin.of(parse(text))).isInstanceOf(UsageException.class)
                .hasMessageStartingWith(messageStart);
    }

    @Test
    void pinsKeepVersionMarkerAndHashes() {
        List<Pin> pins = Pin.of(parse("foo==1.0 ; os_name == \"nt\" --hash=sha256:" + A
                + "\nfoo==2.0 ; os_name != \"nt\"\nbar==v1.0.0-alpha1"));
        assertThat(pins).extracting(p -> p.name() + " " + p.version() + " " + p.marker().map(Object::toString)
                .orElse("-") + " " + p.sha256()).containsExactly(
                "foo 1.0 os_name == \"nt\" [" + A + "]",
                "foo 2.0 os_name != \"nt\" []",
                "bar 1.0.0a1 - []");
    }
}
