package dev.pylocktrust.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pylocktrust.Printable;
import dev.pylocktrust.policy.Finding;
import dev.pylocktrust.policy.FindingCode;
import dev.pylocktrust.policy.Severity;
import dev.pylocktrust.policy.SourceLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The report renderers: escaping of hostile text, colour, the Markdown size cap, JSON shape. */
class RenderersTest {
    private static final String ESC = "\u001b";
    private static final String RLO = "\u202e";

    static Finding finding(Severity severity, String pkg, String message, String detail, String hint, int line) {
        return new Finding(severity, FindingCode.VERSION_UPGRADED, pkg, Optional.empty(), message, detail, hint,
                line > 0 ? Optional.of(new SourceLocation("pylock.toml", line)) : Optional.empty());
    }

    static Report report(List<ReportSection> sections, List<String> notes) {
        return new Report("pylock-trust.test/1", "title " + MarkdownText.quote("a.toml"), "1 thing", Map.of("k", 1),
                notes, sections);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "plain text|plain text",
        "ESC[31mred|\\u001B[31mred",
        "lineNLbreak|line\\u000Abreak",
        "bidi RLO here|bidi \\u202E here",
        "zero-widthZWSPspace|zero-width\\u200Bspace",
        "tag TAG char|tag \\uE0041 char",
        "accents: café, 東京|accents: café, 東京",
    })
    void printableEscapesWhatCouldDeceive(String in, String out) {
        String input = in.replace("ESC", ESC).replace("RLO", RLO).replace("NL", "\n").replace("ZWSP", "\u200b")
                .replace("TAG", new String(Character.toChars(0xE0041)));
        assertThat(Printable.of(input)).isEqualTo(out);
    }

    @Test
    void markdownTextEscapesMarkupAndMentions() {
        assertThat(MarkdownText.text("*a* _b_ [c](d) <img> | ~~e~~ $x$ @team & `f` # g"))
                .isEqualTo("\\*a\\* \\_b\\_ \\[c\\](d) \\<img> \\| \\~\\~e\\~\\~ \\$x\\$ @&#8203;team &amp; "
                        + "\\`f\\` \\#&#8203; g");
    }

    @ParameterizedTest(name = "{0} (in a table: {1})")
    @CsvSource(delimiter = ';', value = {
        "abc;false;`abc`",
        "a`b;false;``a`b``",
        "`x;false;`` `x ``",
        "a|b;false;`a|b`",
        "a|b;true;`a\\|b`",
    })
    void codeSpansFitTheirContent(String in, boolean inTable, String out) {
        assertThat(MarkdownText.code(in, inTable)).isEqualTo(out);
    }

    @Test
    void quotedDataCannotCloseItsCodeSpanOrBreakTheLine() {
        String q = MarkdownText.quote("x` **bold** `\ny");
        assertThat(q).isEqualTo("`x\\u0060 **bold** \\u0060\\u000Ay`");
        assertThat(MarkdownText.message("found " + q + " here", true))
                .isEqualTo("found `x\\u0060 **bold** \\u0060\\u000Ay` here");
        // an unmatched backtick from someone else's text is escaped, not left open
        assertThat(MarkdownText.message("odd ` tick", false)).isEqualTo("odd \\` tick");
    }

    @Test
    void linksMustBeHttps() {
        assertThat(new Link("r", "https://github.com/o/r").url()).isEqualTo("https://github.com/o/r");
        assertThatThrownBy(() -> new Link("r", "javascript:alert(1)")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Link("r", "https://x/a)b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Link("r", "http://x/")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void textIsColouredOnlyWhenAskedAndNeverCarriesInputEscapes() {
        Report r = report(List.of(new ReportSection(1, "Bad", false, List.of(ReportItem.of(
                finding(Severity.FAILURE, "pkg", "evil " + MarkdownText.quote(ESC + "[2J"), "d" + RLO, "h", 3))))),
                List.of());
        String plain = new TextRenderer(false).render(r);
        assertThat(plain).doesNotContain(ESC).doesNotContain(RLO).contains("\\u001B[2J").contains("\\u202E")
                .contains("  error   pkg: evil `\\u001B[2J`\n          at pylock.toml:3\n");
        String colour = new TextRenderer(true).render(r);
        assertThat(colour).contains(ESC + "[1;31merror" + ESC + "[0m");
        // the only escape sequences are ours
        assertThat(colour.replaceAll("\u001b\\[[0-9;]*m", "")).isEqualTo(plain);
    }

    @Test
    void markdownCollapsesRoutineSectionsAndStaysUnderItsLimit() {
        List<ReportItem> routine = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            routine.add(ReportItem.of(finding(Severity.NOTICE, "pkg-" + i, "upgraded " + MarkdownText.quote("1.0")
                    + " -> " + MarkdownText.quote("2.0"), "", "", i + 1)));
        }
        Report r = report(List.of(
                new ReportSection(1, "Identity changes", false, List.of(ReportItem.of(finding(Severity.FAILURE, "a",
                        "identity changed", "x", "y", 1)))),
                new ReportSection(5, "Versions", true, routine)), List.of("a note"));
        String md = new MarkdownRenderer(20_000).render(r);
        assertThat(md.length()).isLessThanOrEqualTo(20_000);
        assertThat(md).startsWith("<!-- pylock-trust.test/1 -->\n### title `a.toml`\n\n**1 thing**\n\n> a note  \n")
                .contains("#### 1. Identity changes (1)")
                .contains("<details><summary>5. Versions (2000)</summary>")
                .contains("</details>")
                .containsPattern("_\\d+ more findings are not shown here");
        String all = new MarkdownRenderer().render(report(List.of(new ReportSection(5, "Versions", true,
                routine.subList(0, 3))), List.of()));
        assertThat(all).doesNotContain("not shown").contains("| :information_source: | `pkg-2` | upgraded `1.0` -> "
                + "`2.0` |");
    }

    @Test
    void githubAnnotationsAreOneLineEachAndPrintable() {
        Report r = report(List.of(new ReportSection(3, "Hosts", false, List.of(ReportItem.of(finding(
                Severity.FAILURE, "pkg", "moved " + MarkdownText.quote("x" + ESC + "y"), "a\nb" + RLO, "h", 7))))),
                List.of());
        List<String> lines = GithubRenderer.annotations(r);
        assertThat(lines).containsExactly("::error file=pylock.toml,line=7,title=Hosts%3A pkg::moved `x\\u001By`%0Aa"
                + "%0Ab\\u202E%0Ahint: h");
    }

    @Test
    void jsonCarriesRankSectionLocationAndData() throws Exception {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("fails", true);
        data.put("nothing", null);
        Report r = report(List.of(new ReportSection(2, "Lost", false, List.of(new ReportItem(
                finding(Severity.FAILURE, "", "m", "", "", 0), List.of(new Link("t", "https://e.example/")), data)))),
                List.of("n"));
        JsonNode json = new ObjectMapper().readTree(JsonRenderer.render(r));
        assertThat(json.path("schema").asText()).isEqualTo("pylock-trust.test/1");
        assertThat(json.path("k").asInt()).isEqualTo(1);
        JsonNode f = json.path("findings").get(0);
        assertThat(f.path("rank").asInt()).isEqualTo(2);
        assertThat(f.path("section").asText()).isEqualTo("Lost");
        assertThat(f.path("severity").asText()).isEqualTo("error");
        assertThat(f.path("package").isNull()).isTrue();
        assertThat(f.path("location").isNull()).isTrue();
        assertThat(f.path("links").get(0).path("url").asText()).isEqualTo("https://e.example/");
        assertThat(f.path("data").path("fails").asBoolean()).isTrue();
        assertThat(f.path("data").has("nothing")).isTrue();
    }
}
