package dev.pylocktrust.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PEP 691 JSON pages, including PyPI's exact shape and hostile variations. */
class JsonPageParserTest {
    static final String SHA = "0ace7980f82c5815ede4cd7bf9f6693684cec2ae47b9b7ade9add533b8627c6b";
    static final String META = "c23e447ea90d796d1e645c35c4b2de125040add12a845825546f91c93f391b6b";
    static final PageBase BASE = TestBases.http("https://pypi.org/simple/sampleproject/");

    static ProjectPage parse(String json) {
        return JsonPageParser.parse(json.getBytes(StandardCharsets.UTF_8), "sampleproject", BASE, 1000);
    }

    static String page(String apiVersion, String file) {
        return "{\"meta\": {\"api-version\": \"" + apiVersion + "\", \"_last-serial\": 22406780},"
                + " \"name\": \"sampleproject\", \"project-status\": {\"status\": \"active\"},"
                + " \"versions\": [\"4.0.0\"], \"files\": [" + file + "]}";
    }

    /** PyPI's file object, as in the spec's example. */
    static String pypiFile(String extra) {
        return "{\"filename\": \"sampleproject-4.0.0.tar.gz\","
                + " \"url\": \"https://files.pythonhosted.org/packages/ab/cd/sampleproject-4.0.0.tar.gz\","
                + " \"hashes\": {\"sha256\": \"" + SHA + "\"}, \"requires-python\": \">=3.9\", \"size\": 12345,"
                + " \"upload-time\": \"2024-11-06T22:37:10.123456Z\", \"yanked\": false,"
                + " \"core-metadata\": {\"sha256\": \"" + META + "\"},"
                + " \"data-dist-info-metadata\": {\"sha256\": \"" + META + "\"}" + extra + "}";
    }

    @Test
    void pypiShape() {
        ProjectPage p = parse(page("1.4", pypiFile(", \"provenance\": \"https://pypi.org/integrity/sampleproject/4.0.0/"
                + "sampleproject-4.0.0.tar.gz/provenance\"")));
        assertThat(p.apiVersion()).isEqualTo(new ApiVersion(1, 4));
        assertThat(p.status()).contains("active");
        assertThat(p.versions()).containsExactly("4.0.0");
        assertThat(p.warnings()).isEmpty();
        assertThat(p.files()).containsExactly(new IndexFile("sampleproject", "sampleproject-4.0.0.tar.gz",
                "https://files.pythonhosted.org/packages/ab/cd/sampleproject-4.0.0.tar.gz", Map.of("sha256", SHA),
                Optional.of(">=3.9"), false, Optional.empty(), OptionalLong.of(12345),
                Optional.of(Instant.parse("2024-11-06T22:37:10.123456Z")), Optional.of(Map.of("sha256", META)),
                new ProvenanceLink.Listed("https://pypi.org/integrity/sampleproject/4.0.0/sampleproject-4.0.0.tar.gz/provenance")));
    }

    @ParameterizedTest(name = "yanked {0}")
    @CsvSource(delimiter = '|', value = {
        "false            | false | ",
        "true             | true  | ",
        "'\"bad release\"' | true  | bad release",
        "'\"\"'            | true  | ",
        "null             | false | ",
    })
    void yankedForms(String value, boolean yanked, String reason) {
        IndexFile f = parse(page("1.4", pypiFile("").replace("\"yanked\": false", "\"yanked\": " + value))).files().get(0);
        assertThat(f.yanked()).isEqualTo(yanked);
        assertThat(f.yankedReason()).isEqualTo(Optional.ofNullable(reason));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // PEP 714: core-metadata wins over the legacy keys; PyPI's legacy key is data-dist-info-metadata.
        "'\"core-metadata\": true'                                   | {}",
        "'\"core-metadata\": false, \"dist-info-metadata\": true'      | NONE",
        "'\"dist-info-metadata\": {\"sha256\": \"" + META + "\"}'      | sha256",
        "'\"data-dist-info-metadata\": {\"sha256\": \"" + META + "\"}' | sha256",
        "'\"gpg-sig\": false'                                         | NONE",
    })
    void coreMetadataKeys(String keys, String expected) {
        String file = "{\"filename\": \"a-1.whl\", \"url\": \"a-1.whl\", \"hashes\": {}, " + keys + "}";
        Optional<Map<String, String>> m = parse(page("1.4", file)).files().get(0).coreMetadata();
        switch (expected) {
            case "NONE" -> assertThat(m).isEmpty();
            case "{}" -> assertThat(m).contains(Map.of());
            default -> assertThat(m).contains(Map.of("sha256", META));
        }
    }

    @Test
    void provenanceKeyMeaningDependsOnTheApiVersion() {
        String noKey = pypiFile("");
        assertThat(parse(page("1.4", noKey)).files().get(0).provenance()).isEqualTo(new ProvenanceLink.Null());
        assertThat(parse(page("1.3", noKey)).files().get(0).provenance()).isEqualTo(new ProvenanceLink.Null());
        assertThat(parse(page("1.1", noKey)).files().get(0).provenance()).isEqualTo(new ProvenanceLink.Absent());
        assertThat(parse(page("1.1", pypiFile(", \"provenance\": null"))).files().get(0).provenance())
                .isEqualTo(new ProvenanceLink.Null());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'\"../provenance\"'  | relative provenance URL; PEP 740 requires an absolute https URL",
        "'\"\"'               | empty provenance URL",
        "'42'                 | 'provenance' is neither a string nor null",
        "'\"mailto:x@y\"'     | not a usable URL",
    })
    void invalidProvenanceValuesFailClosedAtLookup(String value, String reason) {
        ProvenanceLink link = parse(page("1.4", pypiFile(", \"provenance\": " + value))).files().get(0).provenance();
        assertThat(link).isInstanceOf(ProvenanceLink.Invalid.class);
        assertThat(((ProvenanceLink.Invalid) link).reason()).isEqualTo(reason);
    }

    @Test
    void relativeFileUrlsResolveAgainstThePage() {
        String file = "{\"filename\": \"a-1.whl\", \"url\": \"../../packages/a-1.whl\", \"hashes\": {}}";
        assertThat(parse(page("1.0", file)).files().get(0).url()).isEqualTo("https://pypi.org/packages/a-1.whl");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "'{\"url\": \"a.whl\", \"hashes\": {}}'                                     | 'filename' is missing or not a string",
        "'{\"filename\": \"a.whl\", \"hashes\": {}}'                                | 'url' is missing or not a string",
        "'{\"filename\": \"a.whl\", \"url\": \"a.whl\"}'                            | 'hashes' is missing or not an object",
        "'{\"filename\": \"../a.whl\", \"url\": \"a.whl\", \"hashes\": {}}'         | filename '../a.whl' looks like a path",
        "'{\"filename\": \"a.whl\", \"url\": \"a.whl\", \"hashes\": {\"sha256\": \"xyz\"}}' | sha256 digest 'xyz' is not hexadecimal",
        "'{\"filename\": \"a.whl\", \"url\": \"a.whl\", \"hashes\": {\"sha256\": \"abcd\"}}' | sha256 digest has 4 hex digits, expected 64",
        "'{\"filename\": \"a.whl\", \"url\": \"a.whl\", \"hashes\": {}, \"size\": -1}' | 'size' is not a non-negative integer",
        "'{\"filename\": \"a.whl\", \"url\": \"a.whl\", \"hashes\": {}, \"yanked\": 1}' | 'yanked' is neither a boolean nor a string",
        "'{\"filename\": \"a.whl\", \"url\": \"ftp://x/a.whl\", \"hashes\": {}}'    | file URL 'ftp://x/a.whl' is not a usable URL",
    })
    void malformedEntriesAreSkippedWithAWarning(String file, String problem) {
        ProjectPage p = parse(page("1.4", file));
        assertThat(p.files()).isEmpty();
        assertThat(p.warnings()).hasSize(1);
        assertThat(p.warnings().get(0)).startsWith("skipped file entry #1").endsWith(": " + problem);
    }

    @Test
    void badUploadTimeIsIgnoredWithAWarning() {
        ProjectPage p = parse(page("1.4", pypiFile("").replace("2024-11-06T22:37:10.123456Z", "yesterday")));
        assertThat(p.files().get(0).uploadTime()).isEmpty();
        assertThat(p.warnings()).containsExactly("ignored 'upload-time' of sampleproject-4.0.0.tar.gz: 'yesterday' "
                + "is not an ISO-8601 UTC time");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "'{\"meta\": {\"api-version\": \"1.4\"}, \"name\": \"sampleproject\", \"files\": ['                | is not valid JSON at line 1, column 69: Unexpected end-of-input: expected close marker for Array",
        "'[]'                                                                                              | is not a JSON object",
        "'{\"name\": \"sampleproject\", \"files\": []}'                                                    | has no 'meta' object",
        "'{\"meta\": {}, \"name\": \"sampleproject\", \"files\": []}'                                      | has no 'meta.api-version' string",
        "'{\"meta\": {\"api-version\": \"1.4\"}, \"files\": []}'                                           | has no project 'name'",
        "'{\"meta\": {\"api-version\": \"1.4\"}, \"name\": \"other\", \"files\": []}'                      | is for project 'other', not 'sampleproject'",
        "'{\"meta\": {\"api-version\": \"1.4\"}, \"name\": \"sampleproject\", \"files\": {}}'              | 'files' is not an array",
        "'{\"meta\": {\"api-version\": \"1.4\"}, \"name\": \"sampleproject\", \"files\": []} {}'           | has data after the end of the JSON value (line 1)",
        "'{\"meta\": {\"api-version\": \"1.4\"}, \"name\": \"sampleproject\", \"name\": \"x\", \"files\": []}' | is not valid JSON at line 1, column 65: Duplicate field 'name'",
    })
    void malformedPagesAreErrors(String json, String problem) {
        assertThatThrownBy(() -> parse(json))
                .isInstanceOf(IndexFormatException.class)
                .hasMessageContaining(problem);
    }

    @Test
    void tooManyFilesIsAnError() {
        String file = "{\"filename\": \"a.whl\", \"url\": \"a.whl\", \"hashes\": {}}";
        String json = page("1.4", String.join(",", java.util.Collections.nCopies(11, file)));
        assertThatThrownBy(() -> JsonPageParser.parse(json.getBytes(StandardCharsets.UTF_8), "sampleproject", BASE, 10))
                .hasMessage("https://pypi.org/simple/sampleproject/ lists more than 10 files");
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "[".repeat(200) + "]".repeat(200);
        assertThatThrownBy(() -> parse(page("1.4", pypiFile(", \"x\": " + deep))))
                .isInstanceOf(IndexFormatException.class)
                .hasMessageContaining("nesting depth");
    }

    @Test
    void twoFilesWithOneDigestButDifferentNamesFailClosed() {
        String a = "{\"filename\": \"a-1.whl\", \"url\": \"a-1.whl\", \"hashes\": {\"sha256\": \"" + SHA + "\"}}";
        String b = "{\"filename\": \"b-1.whl\", \"url\": \"b-1.whl\", \"hashes\": {\"sha256\": \"" + SHA + "\"}}";
        ProjectPage p = parse(page("1.4", a + "," + b));
        assertThatThrownBy(() -> p.fileWithSha256(SHA))
                .hasMessage("the index lists sha256 " + SHA + " for several files of project 'sampleproject': "
                        + "a-1.whl, b-1.whl");
        assertThat(parse(page("1.4", a + "," + a)).fileWithSha256(SHA.toUpperCase())).isPresent();
        assertThat(p.fileWithSha256("00" + SHA.substring(2))).isEmpty();
    }

    @Test
    void unknownKeysAreIgnored() {
        ProjectPage p = parse(page("1.4", pypiFile(", \"gpg-sig\": false, \"x-future\": {\"a\": [1, 2]}"))
                .replace("\"files\"", "\"alternate-locations\": [], \"_private\": 1, \"files\""));
        assertThat(p.files()).hasSize(1);
        assertThat(p.warnings()).isEmpty();
        assertThat(List.of(p.files().get(0).filename())).containsExactly("sampleproject-4.0.0.tar.gz");
    }
}
