package dev.pylocktrust;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The documentation holds together: the README links into {@code docs/}, every page links to the others instead of
 * repeating them, so every relative link and anchor must resolve; and the README's exit-code table lists exactly the
 * codes {@link ExitCode} defines.
 */
public class DocumentationTest {
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern INLINE_CODE = Pattern.compile("`[^`]*`");

    public static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md"), Path.of("examples/README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    /** The lines of a Markdown file outside fenced code blocks. */
    static List<String> prose(Path page) throws IOException {
        List<String> out = new ArrayList<>();
        boolean fenced = false;
        for (String line : Files.readAllLines(page)) {
            if (line.startsWith("```")) {
                fenced = !fenced;
            } else if (!fenced) {
                out.add(line);
            }
        }
        return out;
    }

    /** The anchors GitHub gives a page's headings. */
    static Set<String> anchors(Path page) throws IOException {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : prose(page)) {
            Matcher m = Pattern.compile("^#{1,6} (.+)$").matcher(line);
            if (m.matches()) {
                String slug = m.group(1).strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "")
                        .replace(' ', '-');
                int n = seen.merge(slug, 1, Integer::sum);
                anchors.add(n == 1 ? slug : slug + "-" + (n - 1));
            }
        }
        return anchors;
    }

    @Test
    void everyRelativeLinkAndAnchorResolves() throws IOException {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path page : pages()) {
            for (String line : prose(page)) {
                Matcher m = LINK.matcher(INLINE_CODE.matcher(line).replaceAll(""));
                while (m.find()) {
                    String link = m.group(1);
                    if (link.matches("^[a-z]+:.*")) {
                        continue;
                    }
                    checked++;
                    int hash = link.indexOf('#');
                    String file = hash < 0 ? link : link.substring(0, hash);
                    Path target = file.isEmpty() ? page : page.resolveSibling(file).normalize();
                    if (!Files.exists(target)) {
                        broken.add(page + ": " + link + " (no such file)");
                    } else if (hash >= 0 && !anchors(target).contains(link.substring(hash + 1))) {
                        broken.add(page + ": " + link + " (no such heading in " + target + ")");
                    }
                }
            }
        }
        assertThat(checked).as("links checked").isGreaterThan(100);
        assertThat(broken).isEmpty();
    }

    @Test
    void theAnchorsFollowGitHubsRule() throws IOException {
        Path page = Files.createTempFile("headings", ".md");
        try {
            Files.writeString(page, "# `pylock-trust lock`\n```\n# not a heading\n```\n"
                    + "## Policy: `[tool.pylock-trust]`\n## Why there is no `--extra-index-url`\n"
                    + "## Output\n## Output\n");
            assertThat(anchors(page)).containsExactly("pylock-trust-lock", "policy-toolpylock-trust",
                    "why-there-is-no---extra-index-url", "output", "output-1");
        } finally {
            Files.delete(page);
        }
    }

    @Test
    void theReadmeExitCodeTableListsExactlyTheExitCodes() throws Exception {
        List<String> readme = prose(Path.of("README.md"));
        int start = readme.indexOf("## Exit codes");
        assertThat(start).as("README has an 'Exit codes' section").isNotNegative();
        List<Integer> documented = new ArrayList<>();
        for (String line : readme.subList(start + 1, readme.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            Matcher m = Pattern.compile("^\\| (\\d+) \\| \\S").matcher(line);
            if (m.find()) {
                documented.add(Integer.parseInt(m.group(1)));
            }
        }
        List<Integer> defined = new ArrayList<>();
        for (Field f : ExitCode.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
                defined.add(f.getInt(null));
            }
        }
        assertThat(documented).isSorted().containsExactlyInAnyOrderElementsOf(defined);
    }
}
