package dev.pylocktrust.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PEP 503 HTML pages: PyPI's anchor shape, entities, legacy attributes, hostile markup. */
class HtmlPageParserTest {
    static final String SHA = JsonPageParserTest.SHA;
    static final String META = JsonPageParserTest.META;
    static final PageBase BASE = TestBases.http("https://pypi.org/simple/sampleproject/");

    static ProjectPage parse(String html) {
        return HtmlPageParser.parse(html.getBytes(StandardCharsets.UTF_8), "sampleproject", BASE, 1000);
    }

    static String page(String version, String anchors) {
        return "<!DOCTYPE html>\n<html>\n  <head>\n"
                + (version == null ? "" : "    <meta name=\"pypi:repository-version\" content=\"" + version + "\">\n")
                + "    <meta name=\"pypi:project-status\" content=\"active\">\n"
                + "    <title>Links for sampleproject</title>\n  </head>\n  <body>\n    <h1>Links for sampleproject</h1>\n"
                + anchors + "\n  </body>\n</html>\n<!--SERIAL 22406780-->\n";
    }

    @Test
    void pypiAnchorShape() {
        ProjectPage p = parse(page("1.4", "<a href=\"https://files.pythonhosted.org/packages/ab/cd/sampleproject-4.0.0.tar.gz"
                + "#sha256=" + SHA + "\" data-requires-python=\"&gt;=3.9\" data-dist-info-metadata=\"sha256=" + META
                + "\" data-core-metadata=\"sha256=" + META + "\" data-provenance=\"https://pypi.org/integrity/"
                + "sampleproject/4.0.0/sampleproject-4.0.0.tar.gz/provenance\">sampleproject-4.0.0.tar.gz</a><br />"));
        assertThat(p.format()).isEqualTo(ProjectPage.Format.HTML);
        assertThat(p.apiVersion()).isEqualTo(new ApiVersion(1, 4));
        assertThat(p.status()).contains("active");
        assertThat(p.versions()).isEmpty();
        assertThat(p.files()).containsExactly(new IndexFile("sampleproject", "sampleproject-4.0.0.tar.gz",
                "https://files.pythonhosted.org/packages/ab/cd/sampleproject-4.0.0.tar.gz", Map.of("sha256", SHA),
                Optional.of(">=3.9"), false, Optional.empty(), OptionalLong.empty(), Optional.empty(),
                Optional.of(Map.of("sha256", META)),
                new ProvenanceLink.Listed("https://pypi.org/integrity/sampleproject/4.0.0/sampleproject-4.0.0.tar.gz/provenance")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "data-yanked                    | true  | ",
        "data-yanked=\"\"               | true  | ",
        "data-yanked=\"broken &amp; bad\" | true  | broken & bad",
        "data-requires-python=\"&lt;4\" | false | ",
    })
    void yankedAttribute(String attr, boolean yanked, String reason) {
        IndexFile f = parse(page("1.4", "<a href=\"a-1.whl\" " + attr + ">a-1.whl</a>")).files().get(0);
        assertThat(f.yanked()).isEqualTo(yanked);
        assertThat(f.yankedReason()).isEqualTo(Optional.ofNullable(reason));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "data-core-metadata=\"true\"                                            | {}",
        "data-core-metadata=\"sha256=" + META + "\" data-dist-info-metadata=\"true\" | sha256",
        "data-dist-info-metadata=\"sha256=" + META + "\"                        | sha256",
        "data-core-metadata=\"false\"                                           | NONE",
        "class=\"x\"                                                             | NONE",
    })
    void coreMetadataAttributes(String attrs, String expected) {
        Optional<Map<String, String>> m = parse(page("1.4", "<a href=\"a-1.whl\" " + attrs + ">a-1.whl</a>"))
                .files().get(0).coreMetadata();
        switch (expected) {
            case "NONE" -> assertThat(m).isEmpty();
            case "{}" -> assertThat(m).contains(Map.of());
            default -> assertThat(m).contains(Map.of("sha256", META));
        }
    }

    @Test
    void missingProvenanceAttributeMeansNoneOnlyFromVersion13() {
        String a = "<a href=\"a-1.whl\">a-1.whl</a>";
        assertThat(parse(page("1.4", a)).files().get(0).provenance()).isEqualTo(new ProvenanceLink.Null());
        assertThat(parse(page("1.2", a)).files().get(0).provenance()).isEqualTo(new ProvenanceLink.Absent());
        assertThat(parse(page(null, a)).files().get(0).provenance()).isEqualTo(new ProvenanceLink.Absent());
        assertThat(parse(page(null, a)).apiVersion()).isEqualTo(ApiVersion.DEFAULT);
    }

    @Test
    void metaTagAfterTheAnchorsStillCounts() {
        String html = "<html><body><a href=\"a-1.whl\">a-1.whl</a></body>"
                + "<meta name=\"pypi:repository-version\" content=\"1.3\"></html>";
        assertThat(parse(html).files().get(0).provenance()).isEqualTo(new ProvenanceLink.Null());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "../provenance                   | relative provenance URL; PEP 740 requires an absolute https URL",
        "/integrity/a/1/a-1.whl/provenance | relative provenance URL; PEP 740 requires an absolute https URL",
    })
    void relativeDataProvenanceIsInvalid(String value, String reason) {
        ProvenanceLink link = parse(page("1.4", "<a href=\"a-1.whl\" data-provenance=\"" + value + "\">a-1.whl</a>"))
                .files().get(0).provenance();
        assertThat(link).isEqualTo(new ProvenanceLink.Invalid(value, reason));
    }

    @Test
    void hostileMarkupIsToleratedLinearly() {
        String html = page("1.4",
                "<!-- <a href=\"evil-1.whl\">evil-1.whl</a> -->\n"
                + "<A HREF='b-1.whl#SHA256=" + SHA.toUpperCase() + "' DATA-YANKED>  <b>b-1.whl</b>  </A>\n"
                + "<a href=c-1.whl data-requires-python=&gt;=3.8>c-1.whl</a>\n"
                + "<a href=\"d-1.whl\" href=\"evil.whl\">d&#45;1.whl</a>\n"
                + "<a name=\"anchor-without-href\">ignored</a>\n"
                + "<a href=\"e-1.whl\">e-1.whl");
        ProjectPage p = parse(html);
        List<String> names = new ArrayList<>();
        p.files().forEach(f -> names.add(f.filename()));
        assertThat(names).containsExactly("b-1.whl", "c-1.whl", "d-1.whl", "e-1.whl");
        assertThat(p.files().get(0).hashes()).isEqualTo(Map.of("sha256", SHA));
        assertThat(p.files().get(0).yanked()).isTrue();
        assertThat(p.files().get(1).requiresPython()).contains(">=3.8");
        assertThat(p.files().get(2).url()).isEqualTo("https://pypi.org/simple/sampleproject/d-1.whl");
        // A huge run of unterminated markup finishes quickly (no backtracking).
        String bomb = "<a href=\"x\" " + "a=".repeat(200_000) + ">x-1.whl</a>" + "<a href=".repeat(100_000);
        assertThat(parse(bomb).files()).extracting(IndexFile::filename).containsExactly("x-1.whl");
    }

    @Test
    void malformedAnchorsAreSkippedWithAWarning() {
        ProjectPage p = parse(page("1.4", "<a href=\"x.whl#sha256=nothex\">x.whl</a><a href=\"y\"></a>"));
        assertThat(p.files()).isEmpty();
        assertThat(p.warnings()).containsExactly(
                "skipped link #1 (x.whl) of https://pypi.org/simple/sampleproject/: sha256 digest 'nothex' is not hexadecimal",
                "skipped link #2 () of https://pypi.org/simple/sampleproject/: empty filename");
    }

    @Test
    void invalidUtf8AndBadVersionsAreErrors() {
        byte[] bad = {'<', 'a', ' ', 'h', 'r', 'e', 'f', '=', '"', (byte) 0xff, '"', '>'};
        assertThatThrownBy(() -> HtmlPageParser.parse(bad, "sampleproject", BASE, 10))
                .hasMessage("the HTML project page https://pypi.org/simple/sampleproject/ is not valid UTF-8");
        assertThatThrownBy(() -> parse(page("2.0", "")))
                .hasMessage("the index speaks Simple API version 2.0, but pylock-trust understands only major version 1");
        assertThatThrownBy(() -> parse(page("one", "")))
                .hasMessage("API version 'one' is not of the form Major.Minor");
    }

    @Test
    void entityDecoding() {
        assertThat(HtmlScanner.Entities.decode("&lt;&gt;&amp;&quot;&apos;&#39;&#x27;&#X41;&nbsp;&bogus;&&#0;&#xZZ;"))
                .isEqualTo("<>&\"''\u0027A\u00a0&bogus;&&#0;&#xZZ;");
    }
}
