package dev.pylocktrust.lock;

import static dev.pylocktrust.lock.Fixtures.HEAD;
import static dev.pylocktrust.lock.Fixtures.sha;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layout tolerance, warnings, preservation of unknown keys, encodings and hard limits. */
class LockfileReaderTest {

    private static final String INLINE = HEAD + """

            [[packages]]
            name = "markupsafe"
            version = "3.0.2"
            dependencies = [{ name = "six" }, { name = "attrs", version = "25.1.0" }]
            sdist = { url = "https://x/markupsafe-3.0.2.tar.gz", hashes = { sha256 = "%s" } }
            wheels = [
                { name = "markupsafe-3.0.2-cp312-cp312-win_amd64.whl", url = "https://x/MarkupSafe-3.0.2-cp312-cp312-win_amd64.whl", size = 15506, upload-time = 2024-10-18T15:21:42Z, hashes = { sha256 = "%s" } },
            ]
            attestation-identities = [{ kind = "GitHub", repository = "pallets/markupsafe", workflow = "publish.yaml" }]
            """.formatted(sha('1'), sha('2'));

    private static final String TABLES = HEAD + """

            [[packages]]
            name = "markupsafe"
            version = "3.0.2"

            [[packages.dependencies]]
            name = "six"

            [[packages.dependencies]]
            name = "attrs"
            version = "25.1.0"

            [packages.sdist]
            url = "https://x/markupsafe-3.0.2.tar.gz"
            [packages.sdist.hashes]
            sha256 = "%s"

            [[packages.wheels]]
            name = "markupsafe-3.0.2-cp312-cp312-win_amd64.whl"
            url = "https://x/MarkupSafe-3.0.2-cp312-cp312-win_amd64.whl"
            size = 15506
            upload-time = 2024-10-18 15:21:42+00:00
            hashes.sha256 = "%s"

            [[packages.attestation-identities]]
            workflow = "publish.yaml"
            repository = "pallets/markupsafe"
            kind = "GitHub"
            """.formatted(sha('1'), sha('2'));

    @Test
    void inlineTablesAndTableSectionsReadTheSame() {
        Lockfile inline = Fixtures.parse(INLINE).lockfile();
        Lockfile tables = Fixtures.parse(TABLES).lockfile();

        assertThat(tables).isEqualTo(inline);
        LockedPackage p = inline.packages().get(0);
        assertThat(p.dependencies()).containsExactly(RawTable.of(Map.of("name", "six")),
                RawTable.of(Map.of("name", "attrs", "version", "25.1.0")));
        assertThat(p.wheels().get(0).filename()).isEqualTo("markupsafe-3.0.2-cp312-cp312-win_amd64.whl");
        assertThat(p.wheels().get(0).uploadTime()).contains(Instant.parse("2024-10-18T15:21:42Z"));
        assertThat(p.attestationIdentities().get(0).get("repository")).contains("pallets/markupsafe");
    }

    @Test
    void crlfReadsLikeLf() {
        assertThat(Fixtures.parse(TABLES.replace("\n", "\r\n")).lockfile())
                .isEqualTo(Fixtures.parse(TABLES).lockfile());
    }

    @Test
    void emptyPackagesIsValid() {
        Lockfile lock = Fixtures.parse(HEAD + "packages = []\n").lockfile();
        assertThat(lock.packages()).isEmpty();
    }

    @Test
    void explicitEmptyListsDifferFromAbsentOnes() {
        Lockfile explicit = Fixtures.parse(HEAD + "extras = []\ndependency-groups = []\ndefault-groups = []\n"
                + "packages = []\n").lockfile();
        Lockfile absent = Fixtures.parse(HEAD + "packages = []\n").lockfile();
        assertThat(explicit.extras()).contains(List.of());
        assertThat(absent.extras()).isEmpty();
        assertThat(explicit).isNotEqualTo(absent);
    }

    @Test
    void newerMinorVersionWarnsAndUnknownKeysAreKept() {
        ParsedLockfile parsed = Fixtures.parse("""
                lock-version = "1.1"
                created-by = "future"
                future-key = { a = 1 }
                packages = []
                """);

        assertThat(parsed.warnings()).extracting(LockfileWarning::toString).containsExactly(
                "pylock.toml:1: lock-version: lock-version 1.1 is newer than 1.0; keys this version does not know "
                        + "are kept but not checked",
                "pylock.toml:3: future-key: unknown key, kept as is");
        assertThat(parsed.lockfile().extra()).isEqualTo(RawTable.of(Map.of("future-key", Map.of("a", 1L))));
    }

    @Test
    void unknownKeysInPackagesAndFilesAreKeptWithAWarning() {
        ParsedLockfile parsed = Fixtures.parse(HEAD + """

                [[packages]]
                name = "foo"
                version = "1.0"
                upload_time = "typo"

                [[packages.wheels]]
                url = "https://x/foo-1.0-py3-none-any.whl"
                mirror = "https://mirror/foo-1.0-py3-none-any.whl"
                hashes = { sha256 = "%s", blake2b = "abc" }
                """.formatted(sha('a')));

        assertThat(parsed.warnings()).extracting(LockfileWarning::toString).containsExactly(
                "pylock.toml:11: packages[0].wheels[0].mirror: unknown key, kept as is",
                "pylock.toml:7: packages[0].upload_time: unknown key, kept as is");
        LockedPackage p = parsed.lockfile().packages().get(0);
        assertThat(p.extra()).isEqualTo(RawTable.of(Map.of("upload_time", "typo")));
        assertThat(p.wheels().get(0).extra()).isEqualTo(RawTable.of(Map.of("mirror",
                "https://mirror/foo-1.0-py3-none-any.whl")));
        assertThat(p.wheels().get(0).hashes()).containsOnlyKeys("blake2b", "sha256");
    }

    @Test
    void otherToolsTablesAreKeptWithoutWarnings() {
        ParsedLockfile parsed = Fixtures.parse(HEAD + Fixtures.wheelPackage("foo") + """
                [packages.tool.pdm]
                groups = ["default"]

                [tool.pdm]
                hashes = { sha256 = "x" }
                strategy = ["inherit_metadata"]
                """);
        assertThat(parsed.warnings()).isEmpty();
        assertThat(parsed.lockfile().tool().toMap()).isEqualTo(Map.of("pdm",
                Map.of("hashes", Map.of("sha256", "x"), "strategy", List.of("inherit_metadata"))));
        assertThat(parsed.lockfile().packages().get(0).tool().toMap())
                .isEqualTo(Map.of("pdm", Map.of("groups", List.of("default"))));
    }

    @Test
    void localDateTimeUploadTimeIsReadAsUtcWithAWarning() {
        ParsedLockfile parsed = Fixtures.parse(HEAD + """

                [[packages]]
                name = "foo"
                version = "1.0"
                wheels = [{ url = "https://x/foo-1.0-py3-none-any.whl", upload-time = 2025-01-25T11:30:10, hashes = { sha256 = "%s" } }]
                """.formatted(sha('a')));
        assertThat(parsed.lockfile().packages().get(0).wheels().get(0).uploadTime())
                .contains(Instant.parse("2025-01-25T11:30:10Z"));
        assertThat(parsed.warnings()).extracting(LockfileWarning::toString).containsExactly(
                "pylock.toml:7: packages[0].wheels[0].upload-time: date-time has no UTC offset; read as UTC");
    }

    @Test
    void hashNamesAreCaseInsensitiveAndSha256IsLowerCased() {
        LockedFile f = Fixtures.parse(HEAD + """

                [[packages]]
                name = "foo"
                version = "1.0"
                wheels = [{ url = "https://x/foo-1.0-py3-none-any.whl", hashes = { SHA256 = "%s" } }]
                """.formatted("A".repeat(64))).lockfile().packages().get(0).wheels().get(0);
        assertThat(f.sha256()).contains("a".repeat(64));
    }

    @Test
    void percentEncodedUrlNamesAreDecoded() {
        LockedFile f = Fixtures.parse(HEAD + """

                [[packages]]
                name = "foo"
                version = "1.0+local"
                wheels = [{ url = "https://x/foo-1.0%%2Blocal-py3-none-any.whl?x=1#frag", hashes = { sha256 = "%s" } }]
                """.formatted(sha('a'))).lockfile().packages().get(0).wheels().get(0);
        assertThat(f.filename()).isEqualTo("foo-1.0+local-py3-none-any.whl");
    }

    @Test
    void malformedTomlNamesFileAndLine() {
        assertThatThrownBy(() -> Fixtures.parse(HEAD + "packages = [\n\n[oops\n"))
                .isInstanceOf(LockfileException.class)
                .hasMessageStartingWith("pylock.toml:5: invalid TOML: ")
                .satisfies(e -> assertThat(((LockfileException) e).line()).hasValue(5));
        assertThatThrownBy(() -> Fixtures.parse(HEAD + "created-by = \"again\"\npackages = []\n"))
                .hasMessageStartingWith("pylock.toml:3: invalid TOML: created-by previously defined");
    }

    @Test
    void byteOrderMarkIsAccepted() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = (HEAD + "packages = []\n").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, 3);
        System.arraycopy(body, 0, all, 3, body.length);
        assertThat(new LockfileReader().parse(all, "pylock.toml").lockfile().createdBy()).isEqualTo("test");
    }

    @Test
    void invalidUtf8NamesTheLine() {
        byte[] bytes = (HEAD + "packages = []\n# caf\u00e9\n").getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> new LockfileReader().parse(bytes, "pylock.toml"))
                .hasMessage("pylock.toml:4: not valid UTF-8 (TOML files must be UTF-8)");
    }

    @Test
    void missingFile(@TempDir Path dir) {
        Path missing = dir.resolve("pylock.toml");
        assertThatThrownBy(() -> new LockfileReader().read(missing))
                .isInstanceOf(LockfileException.class)
                .hasMessage(missing + ": no such file");
    }

    @Test
    void fileSizeLimit(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pylock.toml");
        Files.writeString(file, HEAD + "packages = []\n" + "#".repeat(200) + "\n");
        LockfileReader small = new LockfileReader(new LockfileLimits(100, 10, 10, 4));
        assertThatThrownBy(() -> small.read(file))
                .hasMessage(file + ": file is larger than the limit of 100 bytes");
    }

    @Test
    void countLimits() {
        LockfileReader small = new LockfileReader(new LockfileLimits(1 << 20, 2, 3, 2));
        assertThatThrownBy(() -> small.parse(HEAD + Fixtures.wheelPackage("a") + Fixtures.wheelPackage("b")
                + Fixtures.wheelPackage("c"), "pylock.toml"))
                .hasMessage("pylock.toml:4: packages: has 3 entries, more than the limit of 2");
        assertThatThrownBy(() -> small.parse(HEAD + "environments = ['a', 'b', 'c', 'd']\npackages = []\n",
                "pylock.toml"))
                .hasMessage("pylock.toml:3: environments: has 4 entries, more than the limit of 3");
        assertThatThrownBy(() -> small.parse(HEAD + """
                [[packages]]
                name = "foo"
                version = "1.0"
                wheels = [{ url = "https://x/foo-1.0-py3-none-any.whl", hashes = { sha256 = "%s", md5 = "b", sha1 = "c" } }]
                """.formatted(sha('a')), "pylock.toml"))
                .hasMessage("pylock.toml:6: packages[0].wheels[0].hashes: has 3 entries, more than the limit of 2");
    }

    /**
     * A pull request that spells a key a second time another way (quoted, escaped) must not get either value read:
     * TOML forbids it, and pip's tomllib refuses the file.
     */
    @Test
    void aKeySpelledTwiceIsAnErrorHoweverItIsQuoted() {
        for (String again : List.of("\"name\" = \"evil\"", "'name' = \"evil\"", "\"n\\u0061me\" = \"evil\"")) {
            String lock = HEAD + "[[packages]]\nname = \"widget\"\n" + again + "\nversion = \"1.0\"\n";
            assertThatThrownBy(() -> Fixtures.parse(lock)).as(again).isInstanceOf(LockfileException.class)
                    .hasMessageContaining("invalid TOML");
        }
    }

    @Test
    void deepNestingIsAnErrorNotACrash() {
        String deep = HEAD + "packages = []\n[tool.x]\nv = " + "[".repeat(20_000) + "]".repeat(20_000) + "\n";
        assertThatThrownBy(() -> Fixtures.parse(deep))
                .isInstanceOf(LockfileException.class)
                .hasMessage("pylock.toml: invalid TOML: nested too deeply to parse");

        String nested = HEAD + "packages = []\n[tool.x]\nv = " + "[".repeat(40) + "]".repeat(40) + "\n";
        assertThatThrownBy(() -> Fixtures.parse(nested))
                .hasMessage("pylock.toml:4: tool: TOML data nested deeper than 32 levels");
        String deepKey = "k.".repeat(100_000) + "k";
        for (String keys : List.of("[tool." + deepKey + "]\n", "tool." + deepKey + " = 1\n")) {
            assertThatThrownBy(() -> Fixtures.parse(HEAD + keys + "packages = []\n"))
                    .as("keys nested 100,000 deep").isInstanceOf(LockfileException.class);
        }
    }

    @Test
    void tomlTheParserThrowsOnIsInvalidToml() {
        // Found by LockfileFuzzTest (crash-4359ad26..., crash-8a5e248d...): tomlj asserts on an incomplete unicode
        // escape when assertions are on, as in tests, and throws a NullPointerException for a broken offset.
        for (String value : List.of("\"a\\uzz\"", "2025-01-01T00:00:00+02]00")) {
            assertThatThrownBy(() -> Fixtures.parse(HEAD + "packages = []\n[tool.x]\nv = " + value + "\n"))
                    .as(value)
                    .isInstanceOf(LockfileException.class)
                    .hasMessageStartingWith("pylock.toml")
                    .hasMessageContaining(": invalid TOML: ");
        }
    }
}
