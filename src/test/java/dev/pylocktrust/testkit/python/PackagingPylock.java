package dev.pylocktrust.testkit.python;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code packaging.pylock} (packaging 26.3, the PyPA reference model of PEP 751) in ONE long-lived Python process:
 * each {@link #check} sends a lock's text and the targets to select for, and reads back whether
 * {@code Pylock.from_dict} accepted it and what {@code Pylock.select()} picked for each target. The driver is
 * {@code src/test/resources/interop/packaging_select.py}; it imports packaging straight from the wheel.
 */
public final class PackagingPylock implements AutoCloseable {
    private static final Path DRIVER = Python3.WHEELS.resolve("packaging_select.py");

    /**
     * One installing machine: CPython {@code python} ({@code 3.12}, {@code 3.13t}) on {@code platforms} (the first
     * with a compatible wheel wins), installing {@code extras} and {@code groups} (empty: the lock's default-groups).
     */
    public record Target(String python, List<String> platforms, List<String> extras, List<String> groups) {
        public Target {
            platforms = List.copyOf(platforms);
            extras = List.copyOf(extras);
            groups = List.copyOf(groups);
        }

        public static Target of(String python, String platform) {
            return new Target(python, List.of(platform), List.of(), List.of());
        }

        public Target with(List<String> moreExtras, List<String> moreGroups) {
            return new Target(python, platforms, moreExtras, moreGroups);
        }

        @Override
        public String toString() {
            return python + " on " + String.join(", ", platforms) + (extras.isEmpty() ? "" : ", extras " + extras)
                    + (groups.isEmpty() ? "" : ", groups " + groups);
        }
    }

    /** What packaging selected for one target: the sorted file names (direct sources: "name (direct)"), or why not. */
    public record Selection(List<String> files, Optional<String> error) {}

    /** packaging's answer: {@code error} when {@code from_dict} refused the lock, else one selection per target. */
    public record Verdict(Optional<String> error, List<Selection> selections) {
        public boolean valid() {
            return error.isEmpty();
        }
    }

    private final JsonLinesProcess driver;

    private PackagingPylock(JsonLinesProcess driver) {
        this.driver = driver;
    }

    /** Starts the Python process (fails the test when no python3 3.11+ is on the PATH). */
    public static PackagingPylock start() throws IOException {
        Python3 python = Python3.require();
        return new PackagingPylock(new JsonLinesProcess("packaging.pylock driver", new ProcessBuilder(
                python.executable().toString(), DRIVER.toString(), Python3.PACKAGING_WHEEL.toAbsolutePath().toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)));
    }

    /** Loads {@code toml} with {@code Pylock.from_dict} and selects for each target. */
    public Verdict check(String toml, List<Target> targets) throws IOException {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("toml", toml);
        List<Map<String, Object>> ts = new ArrayList<>();
        for (Target t : targets) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("python", t.python());
            m.put("platforms", t.platforms());
            m.put("extras", t.extras());
            m.put("groups", t.groups().isEmpty() ? null : t.groups());
            ts.add(m);
        }
        request.put("targets", ts);
        JsonNode answer = driver.ask(request);
        if (!answer.path("valid").asBoolean()) {
            return new Verdict(Optional.of(answer.path("error").asText()), List.of());
        }
        List<Selection> selections = new ArrayList<>();
        for (JsonNode s : answer.path("selections")) {
            if (s.has("error")) {
                selections.add(new Selection(List.of(), Optional.of(s.path("error").asText())));
            } else {
                List<String> files = new ArrayList<>();
                s.path("files").forEach(f -> files.add(f.asText()));
                selections.add(new Selection(files, Optional.empty()));
            }
        }
        return new Verdict(Optional.empty(), selections);
    }

    @Override
    public void close() throws IOException {
        driver.close();
    }
}
