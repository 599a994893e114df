package dev.pylocktrust.testkit.index;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test indexes assembled from files given one by one, for tests whose files must have fixed digests (for example the
 * files of a real lock file) rather than the builder's generated content. A file's {@code sha256} is served as given;
 * its content is only what the server returns for a download.
 */
public final class TestIndexes {
    private TestIndexes() {}

    /** An index serving exactly these projects. */
    public static TestIndex of(List<TestProject> projects) {
        Map<String, TestProject> byName = new LinkedHashMap<>();
        for (TestProject p : projects) {
            if (byName.put(p.name(), p) != null) {
                throw new IllegalArgumentException("project " + p.name() + " given twice");
            }
        }
        return new TestIndex(byName);
    }
}
