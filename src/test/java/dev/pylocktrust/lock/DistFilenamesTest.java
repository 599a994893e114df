package dev.pylocktrust.lock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Filename derivation (PEP 751) and the checks of a file against its package. */
class DistFilenamesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // name | path | url | filename
        "x.whl | dist/y.whl | https://h/z.whl | x.whl",
        "-     | dist/y.whl | https://h/z.whl | y.whl",
        "-     | dist\\y.whl | -              | y.whl",
        "-     | -          | https://h/a/MarkupSafe-3.0.2-cp312-cp312-win_amd64.whl | MarkupSafe-3.0.2-cp312-cp312-win_amd64.whl",
        "-     | -          | https://h/foo-1.0%2Blocal-py3-none-any.whl?sig=%2F#x | foo-1.0+local-py3-none-any.whl",
        "-     | -          | https://h/caf%C3%A9-1.0.tar.gz | caf\u00e9-1.0.tar.gz",
        "-     | -          | https://h/dir/ | -",
        "-     | -          | https://h/bad%zz.whl | -",
        "-     | -          | https://h/bad%ff.whl | -",
    })
    void derive(String name, String path, String url, String expected) {
        assertThat(DistFilenames.derive(Optional.ofNullable(name), Optional.ofNullable(path), Optional.ofNullable(url)))
                .isEqualTo(Optional.ofNullable(expected));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "foo-1.0-py3-none-any.whl                                       | foo        | 1.0    | -",
        "foo-1.0.0-py3-none-any.whl                                     | foo        | 1.0    | -",
        "Foo.Bar-1.0-py3-none-any.whl                                   | foo-bar    | 1.0    | -",
        "foo_bar-1.0-1-py2.py3-none-any.whl                             | foo-bar    | -      | -",
        "foo-1.0a1-py3-none-any.whl                                     | foo        | 1.0.alpha1 | -",
        "bar-1.0-py3-none-any.whl                                       | foo        | 1.0    | wheel 'bar-1.0-py3-none-any.whl' is for project 'bar', not 'foo'",
        "foo-1.1-py3-none-any.whl                                       | foo        | 1.0    | 'foo-1.1-py3-none-any.whl' is version 1.1, but the package is version 1.0",
    })
    void checkWheel(String filename, String pkg, String version, String problem) {
        assertThat(DistFilenames.checkWheel(filename, pkg, Optional.ofNullable(version)))
                .isEqualTo(Optional.ofNullable(problem));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "foo-1.0.tar.gz            | foo            | 1.0        | -",
        "Foo-Bar-1.0.tar.bz2       | foo-bar        | 1.0        | -",
        "python-dateutil-2.9.0.post0.tar.gz | python-dateutil | 2.9.0.post0 | -",
        "foo-1.0-1.tar.gz          | foo            | 1.0.post1  | -",
        "zope.interface-7.2.zip    | zope-interface | 7.2        | -",
        "foo-1.0.tgz               | foo            | -          | -",
        "foo-1.1.tar.gz            | foo            | 1.0        | source distribution 'foo-1.1.tar.gz' is version 1.1, but the package is version 1.0",
        "bar-1.0.tar.gz            | foo            | 1.0        | source distribution 'bar-1.0.tar.gz' does not start with the project name 'foo' followed by '-' and a valid version",
        "foo-1.0.exe               | foo            | 1.0        | 'foo-1.0.exe' is not a source distribution filename (expected one of .tar.gz, .tgz, .zip, .tar.bz2, .tbz, .tar.xz, .txz, .tar.zst, .tar.lz, .tlz, .tar.lzma, .tar)",
    })
    void checkSdist(String filename, String pkg, String version, String problem) {
        assertThat(DistFilenames.checkSdist(filename, pkg, Optional.ofNullable(version)))
                .isEqualTo(Optional.ofNullable(problem));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "foo-1.0.tar.gz | -",
        "..             | filename '..' is not a file name",
        "a/b.whl        | filename 'a/b.whl' contains a path separator",
        "a\\b.whl       | filename 'a\\b.whl' contains a path separator",
    })
    void checkSafe(String filename, String problem) {
        assertThat(DistFilenames.checkSafe(filename)).isEqualTo(Optional.ofNullable(problem));
        assertThat(DistFilenames.checkSafe("x\u0000.whl")).contains("filename contains a control character");
    }
}
