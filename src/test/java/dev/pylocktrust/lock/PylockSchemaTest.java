package dev.pylocktrust.lock;

import static dev.pylocktrust.lock.Fixtures.HEAD;
import static dev.pylocktrust.lock.Fixtures.sha;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
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
    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("schema/pylock.schema.json"))) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

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
        assertThat(schema.validate(toJson(toml))).isEmpty();
    }

    private static final String WHEEL = "{ url = \"https://x/foo-1.0-py3-none-any.whl\", hashes = { sha256 = \""
            + sha('a') + "\" } }";
    private static final String FOO = HEAD + "[[packages]]\nname = \"foo\"\nversion = \"1.0\"\nwheels = [" + WHEEL + "]\n";

    static Stream<Arguments> invalid() {
        return Stream.of(
                arguments("created-by = \"x\"\npackages = []\n", "$"),
                arguments("lock-version = \"2.0\"\ncreated-by = \"x\"\npackages = []\n", "$.lock-version"),
                arguments(HEAD, "$"),
                arguments(HEAD + "extras = [\"Dev\"]\npackages = []\n", "$.extras[0]"),
                arguments(HEAD + "[[packages]]\nname = \"Foo\"\nwheels = [" + WHEEL + "]\n", "$.packages[0].name"),
                arguments(HEAD + "[[packages]]\nname = \"foo\"\nwheels = [{ url = \"u\" }]\n",
                        "$.packages[0].wheels[0]"),
                arguments(HEAD + "[[packages]]\nname = \"foo\"\nwheels = [{ url = \"u\", hashes = {} }]\n",
                        "$.packages[0].wheels[0].hashes"),
                arguments(HEAD + "[[packages]]\nname = \"foo\"\nwheels = [{ hashes = { md5 = \"x\" } }]\n",
                        "$.packages[0].wheels[0]"),
                arguments(HEAD + "[[packages]]\nname = \"foo\"\nwheels = [{ url = \"u\", size = -1, hashes = "
                        + "{ md5 = \"x\" } }]\n", "$.packages[0].wheels[0].size"),
                arguments(HEAD + "[[packages]]\nname = \"foo\"\nsdist = { url = \"u\", hashes = { sha256 = \"ab\" } }\n",
                        "$.packages[0].sdist.hashes.sha256"),
                arguments(HEAD + "[[packages]]\nname = \"foo\"\n", "$.packages[0]"),
                arguments(HEAD + "[[packages]]\nname = \"foo\"\nwheels = []\n", "$.packages[0]"),
                arguments(FOO + "directory = { path = \".\" }\n", "$.packages[0]"),
                arguments(HEAD + "[[packages]]\nname = \"foo\"\ndirectory = { path = \".\" }\n"
                        + "archive = { url = \"u\", hashes = { md5 = \"x\" } }\n", "$.packages[0]"),
                arguments(HEAD + "[[packages]]\nname = \"foo\"\nvcs = { type = \"git\", url = \"u\" }\n",
                        "$.packages[0].vcs"),
                arguments(FOO + "attestation-identities = [{ repository = \"o/r\" }]\n",
                        "$.packages[0].attestation-identities[0]"),
                arguments(FOO + "[packages.tool.pylock-trust]\nverified = true\n",
                        "$.packages[0].tool.pylock-trust"),
                arguments(FOO + "[packages.tool.pylock-trust]\nfiles = [{ filename = \"f\", sha256 = \"" + sha('a')
                        + "\", status = \"ok\" }]\n", "$.packages[0].tool.pylock-trust.files[0].status"),
                arguments(FOO + "[tool.pylock-trust]\nallow-unatested = [\"foo\"]\n", "$.tool.pylock-trust"),
                arguments(FOO + "[[tool.pylock-trust.approved-identity-changes]]\npackage = \"foo\"\n"
                        + "from = { kind = \"GitHub\" }\nto = { kind = \"GitHub\" }\ndate = 2026-01-31\n",
                        "$.tool.pylock-trust.approved-identity-changes[0]"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void rejects(String toml, String location) {
        Set<ValidationMessage> problems = schema.validate(toJson(toml));
        assertThat(problems).as("problems for:%n%s", toml).isNotEmpty();
        assertThat(problems).extracting(m -> m.getInstanceLocation().toString())
                .anySatisfy(l -> assertThat(l).startsWith(location));
    }

    /** TOML to JSON; date-times become their RFC 3339 text, as the schema's description says. */
    /** The schema's complaints about a lock file's text (empty when valid), for tests in other packages. */
    public static java.util.Set<com.networknt.schema.ValidationMessage> problems(String toml) throws IOException {
        if (schema == null) {
            loadSchema();
        }
        return schema.validate(toJson(toml));
    }

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
