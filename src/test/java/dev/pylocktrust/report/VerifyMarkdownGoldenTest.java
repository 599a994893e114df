package dev.pylocktrust.report;

import static dev.pylocktrust.report.VerifyReportRenderTest.ACME;
import static dev.pylocktrust.report.VerifyReportRenderTest.MISMATCH;
import static dev.pylocktrust.report.VerifyReportRenderTest.WARNING;
import static dev.pylocktrust.report.VerifyReportRenderTest.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pylocktrust.policy.Finding;
import dev.pylocktrust.policy.FindingCode;
import dev.pylocktrust.policy.Severity;
import dev.pylocktrust.policy.SourceLocation;
import dev.pylocktrust.policy.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files for verify's Markdown step summary ({@link VerifyReportMarkdown}), one per report below, under
 * {@code src/test/resources/golden/verify/markdown/}. Regenerate with
 * {@code ./mvnw -B -o -q test -Dtest=VerifyMarkdownGoldenTest -Dgolden.update=true} and review the diff.
 */
class VerifyMarkdownGoldenTest {
    static final Path DIR = Path.of("src/test/resources/golden/verify/markdown");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    /**
     * Attacker-controlled text as an index, an attestation or a lock file could carry it: a mention, HTML, a code
     * span, a table cell break, a new line starting a fake row, a javascript link, an image, emphasis, a heading,
     * an entity, bare URLs, an e-mail address, an emoji code, a bidi override and an escape sequence.
     */
    static final String HOSTILE = "x @everyone <script>alert(1)</script> `code` a|b [link](javascript:alert(1)) "
            + "![img](https://evil.example/i.png) *b* _i_ ~~s~~ # h &amp; https://evil.example www.evil.example "
            + "me@evil.example :x: \u202eevil \u001b[2J\n| injected | row |\r\n### injected heading";

    static VerifyReport hostile() {
        VerifyReport.Identity evil = new VerifyReport.Identity("GitHub " + HOSTILE,
                new TreeMap<>(Map.of("kind", "GitHub", "repository", HOSTILE, "workflow", "release.yml")));
        var pkg = new VerifyReport.PackageResult("evil" + HOSTILE, Optional.of("1.0" + HOSTILE),
                Optional.of(new SourceLocation("pylock|<b>.toml", 3)), Verdict.FAILED, List.of(evil),
                List.of(new VerifyReport.FileResult("evil" + HOSTILE + ".whl", Optional.empty(),
                        Verdict.FAILED, List.of(evil), List.of(), false, HOSTILE)));
        Finding f = new Finding(Severity.FAILURE, FindingCode.IDENTITY_CHANGED, "evil" + HOSTILE,
                Optional.of("evil" + HOSTILE + ".whl"), "message " + HOSTILE, "detail " + HOSTILE, "hint " + HOSTILE,
                Optional.of(new SourceLocation("pylock|<b>.toml", 3)));
        Finding w = new Finding(Severity.WARNING, FindingCode.LOCKFILE_WARNING, "", Optional.empty(), HOSTILE, "", "",
                Optional.empty());
        VerifyReport.Environment env = new VerifyReport.Environment("current", "CPython " + HOSTILE,
                Optional.of("3.12"), List.of(), List.of(), List.of());
        return new VerifyReport("pylock" + HOSTILE + ".toml", env, "https://pypi.org/simple", false,
                "embedded Sigstore production root", VerifyReport.Outcome.FAILED, List.of(pkg), List.of(), List.of(f, w),
                Duration.ofMillis(1840), 3, 2);
    }

    static Map<String, VerifyReport> cases() {
        Map<String, VerifyReport> cases = new LinkedHashMap<>();
        cases.put("passed", report(VerifyReport.Outcome.PASSED, List.of()));
        cases.put("failed", report(VerifyReport.Outcome.FAILED, List.of(MISMATCH, WARNING)));
        cases.put("incomplete", new VerifyReport("pylock.toml", VerifyReport.Environment.all(),
                "https://pypi.org/simple", true, "embedded Sigstore production root",
                VerifyReport.Outcome.INCOMPLETE, List.of(new VerifyReport.PackageResult("widget", Optional.of("1.0"),
                Optional.empty(), Verdict.INCOMPLETE, List.of(ACME), List.of())), List.of(),
                List.of(new Finding(Severity.FAILURE, FindingCode.NOT_IN_CACHE, "widget", Optional.of("widget-1.0.tar.gz"),
                        "widget 1.0: widget-1.0.tar.gz: no provenance in the cache (--offline)", "",
                        "run once without --offline to fill the cache", Optional.empty())),
                Duration.ofMillis(50), 0, 0));
        cases.put("hostile", hostile());
        return cases;
    }

    static Stream<String> names() {
        return cases().keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void markdownMatchesTheGoldenFile(String name) throws IOException {
        String md = VerifyReportMarkdown.render(cases().get(name));
        Path golden = DIR.resolve(name + ".md");
        if (UPDATE) {
            Files.createDirectories(DIR);
            Files.writeString(golden, md, StandardCharsets.UTF_8);
        }
        assertThat(md).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }
}
