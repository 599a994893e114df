package dev.pylocktrust.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pylocktrust.testkit.TestIdentity;
import dev.pylocktrust.testkit.index.TestFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.StreamSupport;

/**
 * The trust rules of {@code docs/trust-rules.md} end to end: lock files written by the real {@code lock} on
 * {@link LockScenario}'s index (real test-Sigstore attestations, loopback index), edited as a person (or an attacker
 * in a pull request) would edit them, then run through {@code lock}, {@code verify} and {@code diff} in-process.
 *
 * @param s the index and Sigstore
 * @param dir where this test's lock files go
 */
record PolicyRuns(LockScenario s, Path dir) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The runs of one test: {@code s} as built (an earlier test may have changed a file or left a fault). */
    static PolicyRuns of(LockScenario s, Path dir) {
        s.reset();
        return new PolicyRuns(s, dir);
    }

    /** {@code dir/name} after a {@code lock} that must succeed (it is the anchor when it already exists). */
    Path locked(String name, String... args) {
        Path out = dir.resolve(name);
        CliRunner.Result r = s.lock(out, args);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return out;
    }

    /** The index serves {@code filename} (as it is in {@code s.index}) with provenance signed by {@code signer}. */
    void resign(String project, String filename, TestIdentity signer) {
        TestFile f = s.index.file(project, filename);
        s.server.serve(s.index.withFile(project, filename, x -> x.withProvenance(s.provenance(f, signer))));
    }

    /** {@code dir/name}, a copy of {@code from} (to lock again on top of, as HEAD of a pull request). */
    Path copy(Path from, String name) {
        try {
            return Files.copy(from, dir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code dir/name}: {@code from} edited by hand. */
    Path edited(Path from, String name, UnaryOperator<String> edit) {
        String before = read(from);
        String after = edit.apply(before);
        assertThat(after).as("the edit changes the lock").isNotEqualTo(before);
        return write(dir.resolve(name), after);
    }

    /** {@code pylock-trust verify LOCK <index args> <extra>}. */
    CliRunner.Result verify(Path lock, String... extra) {
        List<String> args = new ArrayList<>(List.of("verify", lock.toString()));
        args.addAll(s.indexArgs());
        args.addAll(List.of(extra));
        return CliRunner.run(args.toArray(String[]::new));
    }

    /** {@code pylock-trust diff --format json <extra> BASE HEAD} (no job summary). */
    static CliRunner.Result diff(Path base, Path head, String... extra) {
        List<String> args = new ArrayList<>(List.of("diff", "--step-summary", "", "--format", "json"));
        args.addAll(List.of(extra));
        args.addAll(List.of(base.toString(), head.toString()));
        return CliRunner.run(args.toArray(String[]::new));
    }

    /** {@code text} with {@code old} (which must occur exactly once) replaced. */
    static String replaceOnce(String text, String old, String now) {
        int at = text.indexOf(old);
        assertThat(at).as("'" + old + "' is in the lock").isNotNegative();
        assertThat(text.indexOf(old, at + 1)).as("'" + old + "' occurs once").isNegative();
        return text.substring(0, at) + now + text.substring(at + old.length());
    }

    /** The lock's text without its {@code [[tool.pylock-trust.approved-identity-changes]]} entries. */
    static String withoutApprovals(String text) {
        String header = "\n[[tool.pylock-trust.approved-identity-changes]]\n";
        assertThat(text).contains(header);
        String out = text;
        for (int at = out.indexOf(header); at >= 0; at = out.indexOf(header)) {
            int next = out.indexOf("\n[", at + header.length());
            out = out.substring(0, at) + (next < 0 ? "\n" : out.substring(next));
        }
        return out;
    }

    /**
     * {@code lock}'s text with its one entry of {@code project} limited to other platforms than Linux, and a second
     * entry for Linux with {@code filename} as its one wheel, unattested, recorded as never attested: a second entry
     * of an attested package, as an attacker (or a hand) would add it.
     */
    String withLinuxEntry(String lock, String project, String version, String filename) {
        TestFile f = s.index.file(project, filename);
        String url = s.server.url("/files/" + project + "/" + filename).toString();
        return replaceOnce(lock, "[[packages]]\nname = \"" + project + "\"\n", "[[packages]]\nname = \"" + project
                + "\"\nmarker = 'sys_platform != \"linux\"'\n") + "\n[[packages]]\nname = \"" + project
                + "\"\nversion = \"" + version + "\"\nmarker = 'sys_platform == \"linux\"'\n\n[[packages.wheels]]\n"
                + "name = \"" + filename + "\"\nurl = \"" + url + "\"\nhashes = { sha256 = \"" + f.sha256() + "\" }\n\n"
                + "[packages.tool.pylock-trust]\nfiles = [\n    { filename = \"" + filename + "\", sha256 = \""
                + f.sha256() + "\", status = \"no-provenance\" },\n]\n";
    }

    /** The identity table the lock writes for a GitHub publisher. */
    static String identityTable(String repository, String workflow) {
        return "\n[[packages.attestation-identities]]\nkind = \"GitHub\"\nrepository = \"" + repository
                + "\"\nworkflow = \"" + workflow + "\"\n";
    }

    /** The 1-based line of the only line of {@code file} that contains {@code text}. */
    static int lineOf(Path file, String text) {
        List<String> lines = read(file).lines().toList();
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                found.add(i + 1);
            }
        }
        assertThat(found).as("lines of " + file + " with " + text).hasSize(1);
        return found.get(0);
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path p, String text) {
        try {
            return Files.writeString(p, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON report a run printed ({@code --format json}). */
    static JsonNode json(CliRunner.Result r) {
        try {
            return JSON.readTree(r.stdout());
        } catch (IOException e) {
            throw new AssertionError("not a JSON report: " + r, e);
        }
    }

    /** The report's findings, in order. */
    static List<JsonNode> findings(JsonNode report) {
        return StreamSupport.stream(report.path("findings").spliterator(), false).toList();
    }

    /** The codes of the report's findings, in order. */
    static List<String> codes(JsonNode report) {
        return findings(report).stream().map(f -> f.path("code").asText()).toList();
    }

    /** The report's one finding with this code (for this package). */
    static JsonNode finding(JsonNode report, String code, String pkg) {
        List<JsonNode> found = findings(report).stream()
                .filter(f -> f.path("code").asText().equals(code) && f.path("package").asText().equals(pkg)).toList();
        if (found.size() != 1) {
            fail("expected one " + code + " finding for " + pkg + ", found " + found.size() + " among "
                    + codes(report) + ":\n" + report.toPrettyString());
        }
        return found.get(0);
    }
}
