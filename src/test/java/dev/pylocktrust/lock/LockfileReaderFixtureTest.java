package dev.pylocktrust.lock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Reading real lock files: uv's export and the PEP 751 specification's example. */
class LockfileReaderFixtureTest {

    @Test
    void uvExportKeepsEveryPackageAndEveryFile() {
        String text = Fixtures.read(Fixtures.UV_EXPORT);
        ParsedLockfile parsed = new LockfileReader().read(Fixtures.UV_EXPORT);
        Lockfile lock = parsed.lockfile();

        assertThat(parsed.warnings()).isEmpty();
        assertThat(lock.lockVersion()).isEqualTo("1.0");
        assertThat(lock.createdBy()).isEqualTo("uv");
        assertThat(lock.requiresPython()).contains(">=3.9");
        assertThat(lock.environments()).isEmpty();

        // Independent count from the raw text: one [[packages]] header and one sha256 per file.
        assertThat(lock.packages()).hasSize(count(text, "(?m)^\\[\\[packages\\]\\]$")).hasSize(41);
        int files = lock.packages().stream().mapToInt(p -> p.files().size()).sum();
        assertThat(files).isEqualTo(count(text, "sha256 = \"[0-9a-f]{64}\""));

        List<String> names = lock.packages().stream().map(LockedPackage::name).toList();
        assertThat(names).startsWith("annotated-types", "betterproto", "certifi", "cffi")
                .endsWith("typing-inspection", "urllib3", "zipp")
                .doesNotHaveDuplicates();
        for (LockedPackage p : lock.packages()) {
            if (p.name().equals("sigstore")) {
                continue;
            }
            assertThat(p.version()).as(p.name()).isPresent();
            assertThat(p.index()).as(p.name()).contains("https://pypi.org/simple");
            assertThat(p.sdist()).as(p.name()).isPresent();
            assertThat(p.wheels()).as(p.name()).isNotEmpty();
            for (LockedFile f : p.files()) {
                assertThat(f.sha256()).as(f.filename()).isPresent();
                assertThat(f.size()).as(f.filename()).isPresent();
                assertThat(f.uploadTime()).as(f.filename()).isPresent();
            }
        }
    }

    @Test
    void uvExportDetails() {
        Lockfile lock = new LockfileReader().read(Fixtures.UV_EXPORT).lockfile();

        LockedPackage annotated = lock.packagesNamed("annotated-types").get(0);
        LockedFile sdist = annotated.sdist().orElseThrow();
        assertThat(sdist.filename()).isEqualTo("annotated_types-0.7.0.tar.gz");
        assertThat(sdist.size()).hasValue(16081);
        assertThat(sdist.uploadTime()).contains(Instant.parse("2024-05-20T21:33:25Z"));
        assertThat(sdist.sha256()).contains("aff07c09a53a08bc8cfccb9c85b05f1aa9a2a6f23728d790723543408344ce89");

        // uv names the wheel in normalized form while PyPI's URL says PyJWT: name wins (pitfall 8).
        LockedFile jwt = lock.packagesNamed("pyjwt").get(0).wheels().get(0);
        assertThat(jwt.name()).contains("pyjwt-2.10.1-py3-none-any.whl");
        assertThat(jwt.url().orElseThrow()).endsWith("/PyJWT-2.10.1-py3-none-any.whl");
        assertThat(jwt.filename()).isEqualTo("pyjwt-2.10.1-py3-none-any.whl");

        assertThat(lock.packagesNamed("cffi").get(0).marker()).contains("platform_python_implementation != 'PyPy'");
        assertThat(lock.packagesNamed("cffi").get(0).wheels()).hasSizeGreaterThan(30);
        assertThat(lock.packagesNamed("rfc3161-client").get(0).wheels()).hasSize(12);

        LockedPackage sigstore = lock.packagesNamed("sigstore").get(0);
        assertThat(sigstore.isDirect()).isTrue();
        assertThat(sigstore.version()).isEmpty();
        assertThat(sigstore.directory().orElseThrow().toMap()).isEqualTo(Map.of("path", ".", "editable", true));
    }

    @Test
    void specExample() {
        ParsedLockfile parsed = new LockfileReader().read(Fixtures.PEP751_EXAMPLE);
        Lockfile lock = parsed.lockfile();

        assertThat(parsed.warnings()).isEmpty();
        assertThat(lock.createdBy()).isEqualTo("mousebender");
        assertThat(lock.requiresPython()).contains("== 3.12.*");
        assertThat(lock.environments()).contains(List.of("sys_platform == 'win32'", "sys_platform == 'linux'"));
        assertThat(lock.extras()).isEmpty();
        assertThat(lock.packages()).extracting(LockedPackage::name).containsExactly("attrs", "cattrs", "numpy");

        LockedPackage attrs = lock.packages().get(0);
        assertThat(attrs.requiresPython()).contains(">= 3.8");
        assertThat(attrs.attestationIdentities()).containsExactly(AttestationIdentity.of(Map.of(
                "environment", "release-pypi", "kind", "GitHub",
                "repository", "python-attrs/attrs", "workflow", "pypi-package.yml")));
        assertThat(attrs.wheels().get(0).uploadTime()).contains(Instant.parse("2025-01-25T11:30:10.164985Z"));

        LockedPackage cattrs = lock.packages().get(1);
        assertThat(cattrs.dependencies()).containsExactly(RawTable.of(Map.of("name", "attrs")));

        assertThat(lock.packages().get(2).wheels()).extracting(LockedFile::filename).containsExactly(
                "numpy-2.2.3-cp312-cp312-win_amd64.whl",
                "numpy-2.2.3-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl");

        RawTable mousebender = (RawTable) lock.tool().get("mousebender").orElseThrow();
        assertThat(mousebender.get("command").orElseThrow()).isEqualTo(List.of(".", "lock", "--platform",
                "cpython3.12-windows-x64", "--platform", "cpython3.12-manylinux2014-x64", "cattrs", "numpy"));
        assertThat(mousebender.get("run-on")).isEqualTo(Optional.of(LocalDateTime.parse("2025-03-06T12:28:57.760769")));
        assertThat(lock.policy()).isEqualTo(TrustPolicy.EMPTY);
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
