package dev.pylocktrust.testkit.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * An immutable PyPI-shaped index made by {@link TestIndexBuilder}: served by {@link TestIndexServer}, or written as
 * a static mirror directory with {@link #writeDirectory(Path)} in the layout {@code IndexClient} reads.
 */
public final class TestIndex {
    private final Map<String, TestProject> projects;

    TestIndex(Map<String, TestProject> projects) {
        this.projects = Map.copyOf(projects);
    }

    public Collection<TestProject> projects() {
        return projects.values().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
    }

    /** The project with this normalized name. */
    public Optional<TestProject> project(String normalizedName) {
        return Optional.ofNullable(projects.get(normalizedName));
    }

    /** The file with this name in this project; fails if absent (test set-up error). */
    public TestFile file(String normalizedProject, String filename) {
        return project(normalizedProject).flatMap(p -> p.file(filename)).orElseThrow(
                () -> new IllegalArgumentException("no file " + filename + " in " + normalizedProject));
    }

    /** Every file of every project. */
    public List<TestFile> allFiles() {
        List<TestFile> out = new ArrayList<>();
        projects().forEach(p -> out.addAll(p.files()));
        return out;
    }

    /** A copy with one file replaced (e.g. {@link TestFile#withServedMetadata}). */
    public TestIndex withFile(String normalizedProject, String filename, UnaryOperator<TestFile> change) {
        Map<String, TestProject> copy = new LinkedHashMap<>(projects);
        TestProject p = copy.get(normalizedProject);
        List<TestFile> files = new ArrayList<>();
        for (TestFile f : p.files()) {
            files.add(f.filename().equals(filename) ? change.apply(f) : f);
        }
        copy.put(normalizedProject, new TestProject(p.name(), p.displayName(), p.versions(), files));
        return new TestIndex(copy);
    }

    /**
     * Writes the mirror directory: {@code <dir>/<project>/index.json} (PEP 691 JSON, relative URLs) with each file,
     * its {@code .metadata} and its {@code .provenance} beside it, plus {@code <dir>/index.json} listing projects.
     */
    public void writeDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (TestProject p : projects()) {
            Path pd = Files.createDirectories(dir.resolve(p.name()));
            for (TestFile f : p.files()) {
                Files.write(pd.resolve(f.filename()), f.content());
                if (f.metadata() != null) {
                    Files.write(pd.resolve(f.filename() + ".metadata"), f.metadata());
                }
                if (f.provenance() != null) {
                    Files.write(pd.resolve(f.filename() + ".provenance"), f.provenance());
                }
            }
            SimplePages.Links links = new SimplePages.Links(
                    TestFile::filename,
                    f -> f.hasProvenance() ? Optional.of(f.filename() + ".provenance") : Optional.empty(),
                    true);
            Files.write(pd.resolve("index.json"), SimplePages.json(p, links, "1.4"));
        }
        Files.write(dir.resolve("index.json"), SimplePages.projectListJson(projects()));
    }
}
