package dev.pylocktrust.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code index} URL a lock file records: never credentials, and nothing for a local mirror directory. */
class IndexClientSimpleApiUrlTest {
    @TempDir
    Path dir;

    @Test
    void remoteIndexesAreRecordedWithoutCredentials() {
        try (IndexClient c = IndexClient.open(IndexConfig.builder(new IndexLocation.Remote(
                URI.create("https://alice:s3cret@pypi.example.org/simple"))).cacheDir(Optional.empty()).build())) {
            assertThat(c.simpleApiUrl()).contains("https://pypi.example.org/simple");
        }
        try (IndexClient c = IndexClient.open(IndexConfig.builder(IndexLocation.PYPI).cacheDir(Optional.empty())
                .build())) {
            assertThat(c.simpleApiUrl()).contains("https://pypi.org/simple");
        }
    }

    @Test
    void aMirrorDirectoryIsNotRecorded() {
        try (IndexClient c = IndexClient.open(IndexConfig.builder(new IndexLocation.Directory(dir))
                .cacheDir(Optional.empty()).build())) {
            assertThat(c.simpleApiUrl()).isEmpty();
        }
    }
}
