package dev.pylocktrust.lock;

import static dev.pylocktrust.lock.Fixtures.HEAD;
import static dev.pylocktrust.lock.Fixtures.sha;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pylocktrust.testkit.SchemaCheck;
import java.io.IOException;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;
import org.tomlj.TomlVersion;

/** {@code schema/pylock.schema.json} accepts what we write and what uv writes, and rejects broken documents. */
public class PylockSchemaTest {
    private static final SchemaCheck SCHEMA = SchemaCheck.load("schema/pylock.schema.json");

    static Stream<Arguments> valid() throws IOException {
        return Stream.of(
                arguments(Fixtures.UV_EXPORT.toString(), Fixtures.read(Fixtures.UV_EXPORT)),
                arguments(Fixtures.PEP751_EXAMPLE.toString(), Fixtures.read(Fixtures.PEP751_EXAMPLE)),
                arguments("golden everything", Fixtures.read(Fixtures.GOLDEN_DIR.resolve("everything.pylock.toml"))),
                arguments("golden uv", Fixtures.read(Fixtures.GOLDEN_DIR.resolve("uv-export.pylock.toml"))),
                arguments("golden example", Fixtures.read(Fixtures.GOLDEN_DIR.resolve("pep751-example.pylock.toml"))),
                arguments("written everything", new LockfileWriter(Fixtures.REGENERATE)
                        .render(SampleLocks.everything())),
                arguments("empty", HEAD + "packages = []\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void accepts(String name, String toml) {
        SCHEMA.valid(toJson(toml));
    }

    private static final String WHEEL = "{ url = \"https://x/foo-1.0-py3-none-any.whl\", hashes = { sha256 = \""
            + sha('a') + "\" } }";
    private static final String FOO = HEAD + "[[packages]]\nname = \"foo\"\nversion = \"1.0\"\nwheels = [" + WHEEL + "]\n";

    private static final String NO_DIST = "oneOf at #/packages/0";

    /** Each document breaks one rule; the rules that reject it, as {@link SchemaCheck#rules} names them. */
    static Stream<Arguments> invalid() {
        String pkg = HEAD + "[[packages]]\nname = \"foo\"\n";
        return Stream.of(
                arguments("created-by = \"x\"\npackages = []\n", rules("required at # (lock-version)")),
                arguments("lock-version = \"2.0\"\ncreated-by = \"x\"\npackages = []\n",
                        rules("pattern at #/lock-version")),
                arguments(HEAD, rules("required at # (packages)")),
                arguments(HEAD + "extras = [\"Dev\"]\npackages = []\n", rules("pattern at #/extras/0")),
                arguments(HEAD + "[[packages]]\nname = \"Foo\"\nwheels = [" + WHEEL + "]\n",
                        rules("pattern at #/packages/0/name")),
                arguments(pkg + "wheels = [{ url = \"u\" }]\n", rules("required at #/packages/0/wheels/0 (hashes)")),
                arguments(pkg + "wheels = [{ url = \"u\", hashes = {} }]\n",
                        rules("minProperties at #/packages/0/wheels/0/hashes")),
                arguments(pkg + "wheels = [{ hashes = { md5 = \"x\" } }]\n",
                        rules("required at #/packages/0/wheels/0 (path)", "required at #/packages/0/wheels/0 (url)")),
                arguments(pkg + "wheels = [{ url = \"u\", size = -1, hashes = { md5 = \"x\" } }]\n",
                        rules("minimum at #/packages/0/wheels/0/size")),
                arguments(pkg + "sdist = { url = \"u\", hashes = { sha256 = \"ab\" } }\n",
                        rules("pattern at #/packages/0/sdist/hashes/sha256")),
                arguments(pkg, rules(NO_DIST, "required at #/packages/0 (archive)",
                        "required at #/packages/0 (directory)", "required at #/packages/0 (vcs)")),
                arguments(pkg + "wheels = []\n", rules(NO_DIST, "required at #/packages/0 (archive)",
                        "required at #/packages/0 (directory)", "required at #/packages/0 (vcs)")),
                arguments(FOO + "directory = { path = \".\" }\n", rules("not at #/packages/0")),
                arguments(pkg + "directory = { path = \".\" }\narchive = { url = \"u\", hashes = { md5 = \"x\" } }\n",
                        rules(NO_DIST, "required at #/packages/0 (vcs)")),
                arguments(pkg + "vcs = { type = \"git\", url = \"u\" }\n",
                        rules("required at #/packages/0/vcs (commit-id)")),
                arguments(FOO + "attestation-identities = [{ repository = \"o/r\" }]\n",
                        rules("required at #/packages/0/attestation-identities/0 (kind)")),
                arguments(FOO + "[packages.tool.pylock-trust]\nverified = true\n",
                        rules("additionalProperties at #/packages/0/tool/pylock-trust (verified)")),
                arguments(FOO + "[packages.tool.pylock-trust]\nfiles = [{ filename = \"f\", sha256 = \"" + sha('a')
                        + "\", status = \"ok\" }]\n", rules("enum at #/packages/0/tool/pylock-trust/files/0/status")),
                arguments(FOO + "[tool.pylock-trust]\nallow-unatested = [\"foo\"]\n",
                        rules("additionalProperties at #/tool/pylock-trust (allow-unatested)")),
                arguments(FOO + "[[tool.pylock-trust.approved-identity-changes]]\npackage = \"foo\"\n"
                        + "from = { kind = \"GitHub\" }\nto = { kind = \"GitHub\" }\ndate = 2026-01-31\n",
                        rules("required at #/tool/pylock-trust/approved-identity-changes/0 (reason)")));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void rejects(String toml, List<String> rules) {
        assertThat(SCHEMA.rules(toJson(toml))).as(toml).isEqualTo(rules);
    }

    private static List<String> rules(String... rules) {
        return List.of(rules);
    }

    /** The rules a lock file's text breaks (empty when valid), for tests in other packages. */
    public static List<String> problems(String toml) {
        return SCHEMA.rules(toJson(toml));
    }

    /** TOML to JSON; date-times become their RFC 3339 text, as the schema's description says. */
    static JsonNode toJson(String toml) {
        TomlParseResult parsed = Toml.parse(toml, TomlVersion.V1_0_0);
        assertThat(parsed.errors()).isEmpty();
        return value(parsed);
    }

    private static JsonNode value(Object v) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (v instanceof TomlTable t) {
            ObjectNode o = f.objectNode();
            for (String k : t.keySet()) {
                o.set(k, value(t.get(List.of(k))));
            }
            return o;
        }
        if (v instanceof TomlArray a) {
            ArrayNode arr = f.arrayNode();
            for (int i = 0; i < a.size(); i++) {
                arr.add(value(a.get(i)));
            }
            return arr;
        }
        if (v instanceof String s) {
            return f.textNode(s);
        }
        if (v instanceof Long l) {
            return f.numberNode(l);
        }
        if (v instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? f.textNode(d.toString()) : f.numberNode(d);
        }
        if (v instanceof Boolean b) {
            return f.booleanNode(b);
        }
        if (v instanceof TemporalAccessor) {
            return f.textNode(TomlEmitter.value(v));
        }
        throw new IllegalArgumentException("unexpected TOML value " + v);
    }
}
