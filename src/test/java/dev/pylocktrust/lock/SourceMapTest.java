package dev.pylocktrust.lock;

import static dev.pylocktrust.lock.Fixtures.sha;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Lines where packages, files, identities and our records start, for annotations on the lock file. */
class SourceMapTest {

    /** Every layout PEP 751 files use, with the expected start line of each element marked at the end. */
    private static final String MIXED = """
            lock-version = "1.0"
            created-by = "test"

            [[packages]]
            name = "alpha"
            version = "1.0"
            sdist = { url = "https://x/alpha-1.0.tar.gz", hashes = { sha256 = "%1$s" } }
            wheels = [
                # a comment before the first element

                { url = "https://x/alpha-1.0-py3-none-any.whl", hashes = { sha256 = "%2$s" } },
                { url = "https://x/alpha-1.0-py2-none-any.whl", hashes = { sha256 = "%3$s" } }, { url = "https://x/alpha-1.0-py1-none-any.whl", hashes = { sha256 = "%4$s" } },
            ]
            attestation-identities = [{ kind = "GitHub", repository = "o/alpha", workflow = "r.yml" }]

            [packages.tool.pylock-trust]
            files = [
                { filename = "alpha-1.0.tar.gz", sha256 = "%1$s", status = "no-provenance" },
            ]

            [[packages]]
            name = "beta"
            version = "2.0"

                [[packages.wheels]]
                url = "https://x/beta-2.0-py3-none-any.whl"
                hashes = { sha256 = "%5$s" }

                [packages.sdist]
                url = "https://x/beta-2.0.tar.gz"
                hashes = { sha256 = "%6$s" }

                [[packages.attestation-identities]]
                kind = "GitLab"
                repository = "o/beta"

            [tool.pylock-trust]
            allow-unattested = ["alpha"]

            [[tool.pylock-trust.approved-identity-changes]]
            package = "beta"
            from = { kind = "GitLab", repository = "old/beta" }
            to = { kind = "GitLab", repository = "o/beta" }
            reason = "moved to the o group"
            date = 2026-01-31
            """.formatted(sha('1'), sha('2'), sha('3'), sha('4'), sha('5'), sha('6'));

    @Test
    void linesByElementAndByKeyPath() {
        check(MIXED);
    }

    @Test
    void crlfLinesAreTheSame() {
        check(MIXED.replace("\n", "\r\n"));
    }

    private static void check(String text) {
        ParsedLockfile parsed = Fixtures.parse(text);
        SourceMap map = parsed.sourceMap();
        Lockfile lock = parsed.lockfile();
        LockedPackage alpha = lock.packages().get(0);
        LockedPackage beta = lock.packages().get(1);

        assertThat(map.lineOf(alpha)).hasValue(4);
        assertThat(map.lineOf(alpha.sdist().orElseThrow())).hasValue(7);
        assertThat(alpha.wheels()).extracting(w -> map.lineOf(w).orElse(-1)).containsExactly(11, 12, 12);
        assertThat(map.lineOf(alpha.attestationIdentities().get(0))).hasValue(14);
        assertThat(map.lineOf(alpha.attestationRecords().get(0))).hasValue(18);

        assertThat(map.lineOf(beta)).hasValue(21);
        assertThat(map.lineOf(beta.wheels().get(0))).hasValue(25);
        assertThat(map.lineOf(beta.sdist().orElseThrow())).hasValue(29);
        assertThat(map.lineOf(beta.attestationIdentities().get(0))).hasValue(33);
        assertThat(map.lineOf(lock.policy().approvedIdentityChanges().get(0))).hasValue(40);

        assertThat(map.lineOf("packages[1].wheels[0]")).hasValue(25);
        assertThat(map.lineOf("packages[0].tool.pylock-trust")).hasValue(16);
        assertThat(map.lineOf("tool.pylock-trust")).hasValue(37);
        assertThat(map.keyPathOf(beta.sdist().orElseThrow())).contains("packages[1].sdist");
        assertThat(map.lineOf("packages[7]")).isEmpty();
    }

    @Test
    void rebuiltObjectsHaveNoLineButTheirPathStillDoes() {
        ParsedLockfile parsed = Fixtures.parse(Fixtures.HEAD + Fixtures.wheelPackage("foo"));
        LockedPackage read = parsed.lockfile().packages().get(0);
        LockedPackage rebuilt = read.withAttestations(List.of(), List.of());

        assertThat(rebuilt).isEqualTo(read);
        assertThat(parsed.sourceMap().lineOf(rebuilt)).isEmpty();
        assertThat(parsed.sourceMap().lineOf("packages[0]")).hasValue(4);
        assertThat(SourceMap.empty().lineOf(read)).isEmpty();
    }

    @Test
    void uvExportLines() {
        ParsedLockfile parsed = new LockfileReader().read(Fixtures.UV_EXPORT);
        List<String> lines = Fixtures.read(Fixtures.UV_EXPORT).lines().toList();
        for (LockedPackage p : parsed.lockfile().packages()) {
            int line = parsed.sourceMap().lineOf(p).orElseThrow();
            assertThat(lines.get(line - 1)).isEqualTo("[[packages]]");
            assertThat(lines.get(line)).isEqualTo("name = \"" + p.name() + "\"");
            for (LockedFile f : p.files()) {
                String text = lines.get(parsed.sourceMap().lineOf(f).orElseThrow() - 1);
                assertThat(text).as(f.filename()).contains(f.sha256().orElseThrow());
            }
        }
    }
}
