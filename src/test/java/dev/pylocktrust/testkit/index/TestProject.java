package dev.pylocktrust.testkit.index;

import java.util.List;
import java.util.Optional;

/** A project on a test index: its normalized name, the name as first given, its versions and files. */
public record TestProject(String name, String displayName, List<String> versions, List<TestFile> files) {
    public TestProject {
        versions = List.copyOf(versions);
        files = List.copyOf(files);
    }

    public Optional<TestFile> file(String filename) {
        return files.stream().filter(f -> f.filename().equals(filename)).findFirst();
    }
}
