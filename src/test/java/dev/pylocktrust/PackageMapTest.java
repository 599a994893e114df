package dev.pylocktrust;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package map of docs/design.md: which {@code dev.pylocktrust} packages each package may use. Dependencies point
 * down the data flow only (no cycles); {@code cli}, the edge, may use all. The shared top-level classes (exceptions,
 * exit codes, text utilities) are open to every package.
 */
class PackageMapTest {
    private static final Path MAIN = Path.of("src/main/java/dev/pylocktrust");
    private static final Pattern USE = Pattern.compile("dev\\.pylocktrust\\.([a-z]+)\\.");

    private static final Map<String, Set<String>> MAY_USE = Map.ofEntries(
            Map.entry("python", Set.of()),
            Map.entry("toml", Set.of()),
            Map.entry("attest", Set.of("python")),
            Map.entry("index", Set.of("python")),
            Map.entry("trust", Set.of("attest", "index")),
            Map.entry("policy", Set.of("attest", "python")),
            Map.entry("gather", Set.of("attest", "index", "policy", "python")),
            Map.entry("resolve", Set.of("index", "python")),
            Map.entry("report", Set.of("attest", "lock", "policy", "trust")),
            Map.entry("lock", Set.of("attest", "gather", "index", "policy", "python", "resolve", "toml")),
            Map.entry("verify", Set.of("attest", "gather", "index", "lock", "policy", "python", "report")),
            Map.entry("diff", Set.of("attest", "lock", "policy", "python", "report")),
            Map.entry("cli", Set.of("attest", "diff", "gather", "index", "lock", "policy", "python", "report",
                    "resolve", "toml", "trust", "verify")));

    @Test
    void everyPackageUsesOnlyWhatTheMapAllows() throws IOException {
        Map<String, Set<String>> used = new TreeMap<>();
        try (Stream<Path> dirs = Files.list(MAIN)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                String pkg = dir.getFileName().toString();
                Set<String> uses = new TreeSet<>();
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                        Matcher m = USE.matcher(Files.readString(f));
                        while (m.find()) {
                            uses.add(m.group(1));
                        }
                    }
                }
                uses.remove(pkg);
                used.put(pkg, uses);
            }
        }
        assertThat(used.keySet()).as("packages on the map").isEqualTo(new TreeSet<>(MAY_USE.keySet()));
        used.forEach((pkg, uses) -> assertThat(uses).as(pkg + " uses").isSubsetOf(MAY_USE.get(pkg)));
    }
}
