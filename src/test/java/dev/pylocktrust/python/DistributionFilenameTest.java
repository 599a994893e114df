package dev.pylocktrust.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DistributionFilenameTest {

    private static Set<Tag> tags(String spaceSeparated) {
        return Arrays.stream(spaceSeparated.trim().split("\\s+"))
                .map(t -> t.split("-"))
                .map(p -> new Tag(p[0], p[1], p[2]))
                .collect(Collectors.toSet());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "foo-1.0-py3-none-any.whl|foo|1.0|-|py3-none-any",
        "some_PACKAGE-1.0-py3-none-any.whl|some-package|1.0|-|py3-none-any",
        "foo-1.0-1000-py3-none-any.whl|foo|1.0|1000|py3-none-any",
        "foo-1.0-1000abc-py3-none-any.whl|foo|1.0|1000abc|py3-none-any",
        "pkg-1.0-1-py3-none-any.whl|pkg|1.0|1|py3-none-any",
        "pkg-1.0-2abc-py3-none-any.whl|pkg|1.0|2abc|py3-none-any",
        "pkg-1.0-007-py3-none-any.whl|pkg|1.0|7|py3-none-any",
        "pyvirtualcam-0.13.0-cp310-cp310-manylinux2014_x86_64.manylinux_2_17_x86_64.whl|pyvirtualcam|0.13.0|-|"
                + "cp310-cp310-manylinux2014_x86_64 cp310-cp310-manylinux_2_17_x86_64",
        "foo-2-py2.py3-none-manylinux_2_17_x86_64.manylinux2014_x86_64.whl|foo|2|-|py2-none-manylinux_2_17_x86_64"
                + " py2-none-manylinux2014_x86_64 py3-none-manylinux_2_17_x86_64 py3-none-manylinux2014_x86_64",
        "MarkupSafe-3.0.2-cp312-cp312-macosx_11_0_arm64.whl|markupsafe|3.0.2|-|cp312-cp312-macosx_11_0_arm64",
        "zope.interface-7.2-cp313-cp313-win_amd64.whl|zope-interface|7.2|-|cp313-cp313-win_amd64",
        "numpy-2.2.3-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl|numpy|2.2.3|-|"
                + "cp312-cp312-manylinux_2_17_x86_64 cp312-cp312-manylinux2014_x86_64",
        "Foo-1.0-PY3-NONE-ANY.whl|foo|1.0|-|py3-none-any",
        "foo-v1.0.0-py3-none-any.whl|foo|1|-|py3-none-any",
        "abi3info-2024.10.3-py3-none-any.whl|abi3info|2024.10.3|-|py3-none-any",
        "spt3g-1.0-cp310-cp310-manylinux_2_17_x86_64.manylinux2014_x86_64.whl|spt3g|1.0|-|"
                + "cp310-cp310-manylinux_2_17_x86_64 cp310-cp310-manylinux2014_x86_64",
        "cryptography-44.0.0-cp39-abi3-musllinux_1_2_aarch64.whl|cryptography|44.0.0|-|cp39-abi3-musllinux_1_2_aarch64",
    })
    void parsesWheelFilenames(String filename, String name, String version, String build, String tagList) {
        DistributionFilename parsed = DistributionFilename.parse(filename);
        assertThat(parsed).isInstanceOf(WheelFilename.class);
        WheelFilename wheel = (WheelFilename) parsed;
        assertThat(wheel.filename()).isEqualTo(filename);
        assertThat(wheel).hasToString(filename);
        assertThat(wheel.name()).isEqualTo(PackageName.of(name));
        assertThat(wheel.version()).isEqualTo(Version.parse(version));
        assertThat(wheel.buildTag().map(BuildTag::toString)).isEqualTo(Optional.ofNullable(build));
        assertThat(wheel.tags()).isEqualTo(tags(tagList));
        assertThat(WheelFilename.parse(filename).sameDistribution(wheel)).isTrue();
    }

    @Test
    void buildTagSplitsNumberAndSuffix() {
        WheelFilename w = WheelFilename.parse("foo-1.0-1000abc-py3-none-any.whl");
        assertThat(w.buildTag()).contains(new BuildTag(1000, "abc"));
        assertThat(new BuildTag(2, "")).isGreaterThan(new BuildTag(1, "zzz"));
        assertThat(new BuildTag(1, "b")).isGreaterThan(new BuildTag(1, "a"));
    }

    @Test
    void tagsKeepFilenameOrderAndAreImmutable() {
        WheelFilename w = WheelFilename.parse("foo-1.0-py3.py2-none-b.a.whl");
        assertThat(w.tags()).extracting(Tag::toString)
                .containsExactly("py3-none-b", "py3-none-a", "py2-none-b", "py2-none-a");
        assertThatThrownBy(() -> w.tags().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", value = {
        "foo-1.0.whl => expected 4 or 5 '-' separators before .whl (name-version[-build]-python-abi-platform), found 1",
        "foo-1.0-py3-none.whl => expected 4 or 5 '-' separators before .whl (name-version[-build]-python-abi-platform),"
                + " found 3",
        "foo-1.0-200-py3-none-any-junk.whl => expected 4 or 5 '-' separators before .whl"
                + " (name-version[-build]-python-abi-platform), found 6",
        "foo__bar-1.0-py3-none-any.whl => name part 'foo__bar' contains '__' (a wheel name escapes each run of '-',"
                + " '_', '.' to one '_')",
        "foo#bar-1.0-py3-none-any.whl => name part 'foo#bar': character '#' at index 3 is not allowed (PEP 508:"
                + " ASCII letters, digits, '.', '_' and '-' only)",
        "foo_b\u00e1r-1.0-py3-none-any.whl => name part 'foo_b\u00e1r': character '\u00e1' at index 5 is not"
                + " allowed (PEP 508: ASCII letters, digits, '.', '_' and '-' only)",
        "_foo-1.0-py3-none-any.whl => name part '_foo': must start and end with an ASCII letter or digit (PEP 508)",
        "-1.0-py3-none-any.whl => name part is empty",
        "-1.0-200-py3-none-any.whl => name part is empty",
        "foobar-1.x-py3-none-any.whl => version part '1.x': does not follow the PEP 440 version scheme"
                + " ([N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local], e.g. 1.2.3, 2.0rc1, 1!1.0.post2.dev3+ubuntu.1)",
        "foo-1.0-abc-py3-none-any.whl => build tag 'abc' must start with a digit",
        "foo-1.0--none-any.whl => tags part '-none-any': interpreter component '' has an empty member",
        "foo-1.0-py3-none-.whl => tags part 'py3-none-': platform component '' has an empty member",
        "foo-1.0-py3.-none-any.whl => tags part 'py3.-none-any': interpreter component 'py3.' has an empty member",
        "playlyfe-0.1.1-2.7.6-none-any.whl => tags part '2.7.6-none-any': interpreter '2' must be an ASCII"
                + " identifier (letters, digits, '_'; not starting with a digit)",
        "foo-1.0-py3-none-any+x.whl => tags part 'py3-none-any+x': platform 'any+x' must be non-empty ASCII"
                + " letters, digits and '_'",
        "foo-1.0-py3-none-any.WHL => unknown distribution format: expected a name ending in .whl, .tar.gz or .zip"
                + " (case-sensitive)",
        "foo-1.0-py3-none-any.wheel => unknown distribution format: expected a name ending in .whl, .tar.gz or .zip"
                + " (case-sensitive)",
    })
    void rejectsInvalidWheelFilenames(String filename, String reason) {
        String what = filename.endsWith(".whl") ? "wheel filename" : "distribution filename";
        assertThatThrownBy(() -> DistributionFilename.parse(filename))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("invalid " + what + " " + Inputs.quote(filename) + ": " + reason);
    }

    @Test
    void wheelParserItselfRejectsOtherSuffixes() {
        assertThatThrownBy(() -> WheelFilename.parse("foo-1.0-py3-none-any.WHL"))
                .hasMessage("invalid wheel filename 'foo-1.0-py3-none-any.WHL': must end with '.whl'"
                        + " (case-sensitive)");
        assertThatThrownBy(() -> SdistFilename.parse("foo-1.0.TAR.GZ"))
                .hasMessage("invalid sdist filename 'foo-1.0.TAR.GZ': must end with '.tar.gz' or '.zip'"
                        + " (case-sensitive)");
    }

    @Test
    void compressedTagSetExpansionIsBounded() {
        String interpreters = String.join(".", java.util.Collections.nCopies(11, "py3"));
        String platforms = "a.b.c.d.e.f.g.h.i.j";
        String abis = "x.y.z.w.v.u.t.s.r.q";
        String name = "foo-1.0-" + interpreters + "-" + abis + "-" + platforms + ".whl";
        assertThatThrownBy(() -> WheelFilename.parse(name))
                .hasMessageEndingWith("compressed tag set expands to 1100 tags (limit 1024)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "foo-1.0.tar.gz|foo|1.0|TAR_GZ|true",
        "foo-1.0.zip|foo|1.0|ZIP|false",
        "my_pkg-1.0.tar.gz|my-pkg|1.0|TAR_GZ|true",
        "My.Pkg-1.0.tar.gz|my-pkg|1.0|TAR_GZ|false",
        "my_pkg-v1.0.tar.gz|my-pkg|1.0|TAR_GZ|false",
        "my_pkg-1.0.0.tar.gz|my-pkg|1.0|TAR_GZ|true",
        "my_pkg-1.0a1.tar.gz|my-pkg|1.0a1|TAR_GZ|true",
        "Foo-Bar-1.0.tar.gz|foo-bar|1.0|TAR_GZ|false",
        "foo-1.0-1.tar.gz|foo-1-0|1|TAR_GZ|false",
        "pypi_attestations-0.0.19.tar.gz|pypi-attestations|0.0.19|TAR_GZ|true",
        "sampleproject-4.0.0.tar.gz|sampleproject|4.0.0|TAR_GZ|true",
        "gitlab_oidc_project-0.0.3.tar.gz|gitlab-oidc-project|0.0.3|TAR_GZ|true",
        "pypi_attestation_models-0.0.4a2.tar.gz|pypi-attestation-models|0.0.4a2|TAR_GZ|true",
    })
    void parsesSdistFilenames(String filename, String name, String version, SdistFilename.Format format,
            boolean standard) {
        DistributionFilename parsed = DistributionFilename.parse(filename);
        assertThat(parsed).isInstanceOf(SdistFilename.class);
        SdistFilename sdist = (SdistFilename) parsed;
        assertThat(sdist.filename()).isEqualTo(filename);
        assertThat(sdist.name()).isEqualTo(PackageName.of(name));
        assertThat(sdist.version()).isEqualTo(Version.parse(version));
        assertThat(sdist.format()).isEqualTo(format);
        assertThat(sdist.isStandard()).isEqualTo(standard);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", value = {
        "foo-1.0.xz => unknown distribution format: expected a name ending in .whl, .tar.gz or .zip (case-sensitive)",
        "foo1.0.tar.gz => no '-' between name and version",
        "foo-1.x.tar.gz => version part '1.x': does not follow the PEP 440 version scheme"
                + " ([N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local], e.g. 1.2.3, 2.0rc1, 1!1.0.post2.dev3+ubuntu.1)",
        "-1.0.tar.gz => name part is empty",
        "-1.0.zip => name part is empty",
        "foo.-1.0.tar.gz => name part 'foo.': must start and end with an ASCII letter or digit (PEP 508)",
        "foo-1.0.tgz => unknown distribution format: expected a name ending in .whl, .tar.gz or .zip (case-sensitive)",
        "foo-1.0.tar.bz2 => unknown distribution format: expected a name ending in .whl, .tar.gz or .zip"
                + " (case-sensitive)",
        "foo-1.0.egg => unknown distribution format: expected a name ending in .whl, .tar.gz or .zip (case-sensitive)",
    })
    void rejectsInvalidSdistFilenames(String filename, String reason) {
        String what = filename.endsWith(".tar.gz") || filename.endsWith(".zip")
                ? "sdist filename" : "distribution filename";
        assertThatThrownBy(() -> DistributionFilename.parse(filename))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("invalid " + what + " '" + filename + "': " + reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "foo-1.0-1/../../target-py3-none-any.whl", "..\\target-1.0-py3-none-any.whl", "../foo-1.0.tar.gz",
        "dir/foo-1.0.tar.gz", "foo-1.0-py3-none-any.whl\u0000.tar.gz", "foo\n-1.0-py3-none-any.whl",
        "foo-1.0-py3-none-any\u202e.whl", "foo-1.0..tar.gz", "foo- 1.0.tar.gz", "foo-1.0-py3-none-any.whl ",
        "", "C:\\foo-1.0.zip",
    })
    void rejectsHostileFilenames(String filename) {
        assertThatThrownBy(() -> DistributionFilename.parse(filename)).isInstanceOf(InvalidSpecException.class);
    }

    @Test
    void hostileFilenameMessages() {
        assertThatThrownBy(() -> DistributionFilename.parse("foo-1.0-1/../../target-py3-none-any.whl"))
                .hasMessage("invalid wheel filename 'foo-1.0-1/../../target-py3-none-any.whl': contains the path"
                        + " separator '/' at index 9; a distribution filename is a single path segment");
        assertThatThrownBy(() -> DistributionFilename.parse("..\\target-1.0-py3-none-any.whl"))
                .hasMessage("invalid wheel filename '..\\\\target-1.0-py3-none-any.whl': contains the path"
                        + " separator '\\' at index 2; a distribution filename is a single path segment");
        assertThatThrownBy(() -> DistributionFilename.parse("foo-1.0..tar.gz"))
                .hasMessage("invalid sdist filename 'foo-1.0..tar.gz': contains '..' at index 7;"
                        + " a distribution filename never does");
        assertThatThrownBy(() -> DistributionFilename.parse("foo\u001b[2J-1.0.tar.gz"))
                .hasMessage("invalid sdist filename 'foo\\u001B[2J-1.0.tar.gz': contains the control or invisible"
                        + " character U+001B at index 3");
        assertThatThrownBy(() -> DistributionFilename.parse("foo-1.0-py3-none-any\u202e.whl"))
                .hasMessage("invalid wheel filename 'foo-1.0-py3-none-any\\u202E.whl': contains the control or"
                        + " invisible character U+202E at index 20");
        assertThatThrownBy(() -> DistributionFilename.parse("foo- 1.0.tar.gz"))
                .hasMessage("invalid sdist filename 'foo- 1.0.tar.gz': contains whitespace (U+0020) at index 4");
        String longName = "a".repeat(1000) + "-1.0.tar.gz";
        assertThatThrownBy(() -> DistributionFilename.parse(longName))
                .hasMessage("invalid sdist filename '" + "a".repeat(60) + "...' (1011 characters): is longer"
                        + " than 1000 characters");
        assertThatThrownBy(() -> DistributionFilename.parse(""))
                .hasMessage("invalid distribution filename '': is empty");
    }

    @ParameterizedTest(name = "{0} ~ {1}")
    @CsvSource(delimiter = '|', value = {
        // PEP 740: subject names may be spelled differently from the uploaded filename
        "numpy-2.2.3-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl"
                + "|numpy-2.2.3-cp312-cp312-manylinux2014_x86_64.manylinux_2_17_x86_64.whl",
        "MarkupSafe-3.0.2-cp312-cp312-macosx_11_0_arm64.whl|markupsafe-3.0.2-cp312-cp312-macosx_11_0_arm64.whl",
        "zope.interface-7.2-cp313-cp313-win_amd64.whl|zope_interface-7.2-cp313-cp313-win_amd64.whl",
        "foo-1.0-py3-none-any.whl|foo-1.0.0-py3-none-any.whl",
        "foo-1.0a1-py3-none-any.whl|foo-1.0.alpha1-py3-none-any.whl",
        "foo-1.0-py2.py3-none-any.whl|foo-1.0-py3.py2-none-any.whl",
        "foo-1.0-PY3-None-Any.whl|foo-1.0-py3-none-any.whl",
        "foo-1.0-1-py3-none-any.whl|foo-1.0-01-py3-none-any.whl",
        "foo-1.0.tar.gz|Foo-1.0.0.tar.gz",
        "foo_bar-1.0.tar.gz|foo.bar-1.0.zip",
    })
    void sameDistribution(String a, String b) {
        DistributionFilename x = DistributionFilename.parse(a);
        DistributionFilename y = DistributionFilename.parse(b);
        assertThat(x.sameDistribution(y)).isTrue();
        assertThat(y.sameDistribution(x)).isTrue();
        assertThat(x).isNotEqualTo(y); // equals is the exact filename
    }

    @ParameterizedTest(name = "{0} !~ {1}")
    @CsvSource(delimiter = '|', value = {
        "foo-1.0-py3-none-any.whl|foo-1.0.tar.gz",
        "foo-1.0-py3-none-any.whl|foo-1.0.post0-py3-none-any.whl",
        "foo-1.0-py3-none-any.whl|foo-1.0+local-py3-none-any.whl",
        "foo-1.0-py3-none-any.whl|foo-1.0-1-py3-none-any.whl",
        "foo-1.0-1-py3-none-any.whl|foo-1.0-1a-py3-none-any.whl",
        "foo-1.0-py3-none-any.whl|bar-1.0-py3-none-any.whl",
        "foo-1.0-py3-none-any.whl|foo-1.0-py2.py3-none-any.whl",
        "foo-1.0-cp312-cp312-manylinux_2_17_x86_64.whl|foo-1.0-cp312-cp312-manylinux2014_x86_64.whl",
        "foo-1.0.tar.gz|foo-1.1.tar.gz",
        "foo-1.0.tar.gz|foo-bar-1.0.tar.gz",
    })
    void differentDistribution(String a, String b) {
        DistributionFilename x = DistributionFilename.parse(a);
        DistributionFilename y = DistributionFilename.parse(b);
        assertThat(x.sameDistribution(y)).isFalse();
        assertThat(y.sameDistribution(x)).isFalse();
    }

    @Test
    void equalsIsExactFilename() {
        assertThat(DistributionFilename.parse("foo-1.0.tar.gz")).isEqualTo(DistributionFilename.parse("foo-1.0.tar.gz"))
                .hasSameHashCodeAs(DistributionFilename.parse("foo-1.0.tar.gz"));
    }

    @Test
    void everyFixtureAttestationNamesAParseableDistribution() throws Exception {
        java.nio.file.Path dir = java.nio.file.Path.of("src/test/resources/fixtures/attestations");
        try (var files = java.nio.file.Files.list(dir)) {
            var names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".attestation.json"))
                    .map(n -> n.substring(0, n.indexOf(".publish.") > 0 ? n.indexOf(".publish.") : n.indexOf(".slsa.")))
                    .collect(Collectors.toList());
            assertThat(names).isNotEmpty();
            for (String n : names) {
                DistributionFilename f = DistributionFilename.parse(n);
                assertThat(f.filename()).isEqualTo(n);
            }
        }
    }
}
