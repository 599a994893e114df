package dev.pylocktrust.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * One of the published JSON schemas in {@code schema/}, as the tests check documents against it (draft 2020-12, with
 * {@code format} asserted).
 *
 * <p>A negative case is written with {@link #rejections}: it starts from a document the schema accepts, breaks one
 * rule in a copy, and answers which rules rejected the copy, so that each case proves its own rule and no case can
 * pass on an earlier case's damage.
 */
public final class SchemaCheck {
    private final String file;
    private final JsonSchema schema;

    private SchemaCheck(String file, JsonSchema schema) {
        this.file = file;
        this.schema = schema;
    }

    /** Loads a schema by its path relative to the project, e.g. {@code schema/verify-report.schema.json}. */
    public static SchemaCheck load(String file) {
        var config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            return new SchemaCheck(file, JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(in, config));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The rules a document breaks, one {@code "keyword at #pointer"} per complaint (with the property a
     * {@code required} or {@code additionalProperties} complaint names), e.g. {@code "const at #/summary/failures"} or
     * {@code "required at # (packages)"}, sorted; empty when the document is valid.
     */
    public List<String> rules(JsonNode document) {
        return schema.validate(document).stream().map(SchemaCheck::rule).sorted().distinct().toList();
    }

    /** Asserts that the schema accepts the document, and returns it. */
    public JsonNode valid(JsonNode document) {
        assertThat(rules(document)).as("%s against %s", document, file).isEmpty();
        return document;
    }

    /**
     * Breaks one rule of a valid document and says which {@linkplain #rules rules} rejected it. The document is not
     * changed.
     *
     * @param valid a document the schema accepts (asserted)
     * @param breakOne changes a copy of it so that exactly one rule is broken
     */
    public List<String> rejections(JsonNode valid, Consumer<ObjectNode> breakOne) {
        valid(valid);
        ObjectNode broken = (ObjectNode) valid.deepCopy();
        breakOne.accept(broken);
        return rules(broken);
    }

    private static String rule(ValidationMessage m) {
        String rule = m.getType() + " at #" + m.getInstanceLocation();
        return m.getProperty() == null ? rule : rule + " (" + m.getProperty() + ")";
    }
}
