package dev.pylocktrust.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pylocktrust.lock.LockedFile;
import dev.pylocktrust.lock.LockedPackage;
import dev.pylocktrust.lock.RawTable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** File origins: a mirror directory's {@code file:} URLs are local files, not "unparsable URLs" of their own. */
class LocationsTest {
    private static final String SHA_A = "a".repeat(64);
    private static final String SHA_B = "b".repeat(64);

    @Test
    void fileUrlsAreLocalLikePaths() {
        assertThat(Locations.origin("file:///work/examples/index/abi3info/abi3info-2024.10.3-py3-none-any.whl"))
                .isEqualTo(Locations.LOCAL);
        assertThat(Locations.origin("FILE:/elsewhere/b.whl")).isEqualTo(Locations.LOCAL);
        assertThat(Locations.origin("https://User:pw@Files.Example:8443/x.whl")).isEqualTo("https://files.example:8443");
        assertThat(Locations.origin("no scheme here")).isEqualTo("unparsable URL no scheme here");
    }

    @Test
    void filesOfOneMirrorDirectoryAreNoHostChange() {
        LockedPackage base = LockedPackage.of("demo", "1.0", Optional.empty(),
                List.of(LockedFile.of("file:///old/checkout/examples/index/demo/demo-1.0-py3-none-any.whl", SHA_A)));
        LockedPackage head = LockedPackage.of("demo", "1.0", Optional.empty(), List.of(
                LockedFile.of("file:///new/checkout/examples/index/demo/demo-1.0-py3-none-any.whl", SHA_A),
                new LockedFile(Optional.empty(), Optional.empty(), Optional.of("index/demo/demo-1.0-py3-none-win_amd64"
                        + ".whl"), OptionalLong.empty(), Optional.empty(), new TreeMap<>(Map.of("sha256", SHA_B)),
                        RawTable.EMPTY)));

        List<Change> changes = LockfileDifferTest.diff(List.of(base), List.of(head));

        assertThat(changes).noneMatch(Change.FilesFromNewHost.class::isInstance);
    }
}
