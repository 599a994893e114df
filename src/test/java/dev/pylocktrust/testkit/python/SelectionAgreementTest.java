package dev.pylocktrust.testkit.python;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pylocktrust.testkit.python.PackagingPylock.Target;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The oracle itself: packaging's selections are real, and a lock packaging refuses is reported, not passed. */
class SelectionAgreementTest {
    private static final String SHA = "a".repeat(64);
    private static final String LOCK = """
            lock-version = "1.0"
            created-by = "test"
            extras = ["gui"]

            [[packages]]
            name = "native"
            version = "1.0"
            wheels = [
              {name = "native-1.0-cp312-cp312-manylinux_2_28_x86_64.whl", url = "https://x/native-1.0-cp312-cp312-manylinux_2_28_x86_64.whl", hashes = {sha256 = "%1$s"}},
              {name = "native-1.0-cp312-cp312-win_amd64.whl", url = "https://x/native-1.0-cp312-cp312-win_amd64.whl", hashes = {sha256 = "%1$s"}},
            ]
            sdist = {name = "native-1.0.tar.gz", url = "https://x/native-1.0.tar.gz", hashes = {sha256 = "%1$s"}}

            [[packages]]
            name = "winonly"
            version = "2.0"
            marker = "sys_platform == 'win32'"
            wheels = [{name = "winonly-2.0-py3-none-any.whl", url = "https://x/winonly-2.0-py3-none-any.whl", hashes = {sha256 = "%1$s"}}]

            [[packages]]
            name = "gui"
            version = "3.0"
            marker = "'gui' in extras"
            wheels = [{name = "gui-3.0-py3-none-any.whl", url = "https://x/gui-3.0-py3-none-any.whl", hashes = {sha256 = "%1$s"}}]
            """.formatted(SHA);

    private static PackagingPylock packaging;

    @BeforeAll
    static void start() throws IOException {
        packaging = PackagingPylock.start();
    }

    @AfterAll
    static void stop() throws IOException {
        packaging.close();
    }

    @Test
    void packagingSelectsByTagsMarkersAndExtras() throws IOException {
        PackagingPylock.Verdict v = packaging.check(LOCK, List.of(
                Target.of("3.12", "manylinux_2_28_x86_64"),
                Target.of("3.12", "win_amd64"),
                Target.of("3.13", "macosx_14_0_arm64").with(List.of("gui"), List.of())));
        assertThat(v.valid()).as(v.toString()).isTrue();
        assertThat(v.selections().get(0).files()).containsExactly("native-1.0-cp312-cp312-manylinux_2_28_x86_64.whl");
        assertThat(v.selections().get(1).files()).containsExactly("native-1.0-cp312-cp312-win_amd64.whl",
                "winonly-2.0-py3-none-any.whl");
        assertThat(v.selections().get(2).files()).containsExactly("gui-3.0-py3-none-any.whl", "native-1.0.tar.gz");
    }

    @Test
    void weAgreeWithPackagingOnEveryTargetOfTheSampleLock() throws IOException {
        assertThat(new SelectionAgreement(packaging).disagreements("sample", LOCK)).isEmpty();
    }

    @Test
    void aRefusedLockIsReportedNotPassed() throws IOException {
        String misnamed = LOCK.replace("name = \"winonly-2.0-py3-none-any.whl\"", "name = \"other-2.0-py3-none-any.whl\"")
                .replace("url = \"https://x/winonly-2.0-py3-none-any.whl\"", "url = \"https://x/other-2.0-py3-none-any.whl\"");
        assertThat(new SelectionAgreement(packaging).disagreements("misnamed", misnamed))
                .singleElement().asString().contains("misnamed: pylock-trust's reader refuses it")
                .contains("wheel 'other-2.0-py3-none-any.whl' is for project 'other'");
        PackagingPylock.Verdict refused = packaging.check(LOCK.replace("name = \"winonly\"", "name = \"WinOnly\""),
                List.of(Target.of("3.12", "win_amd64")));
        assertThat(refused.error()).hasValueSatisfying(e -> assertThat(e).contains("PylockValidationError")
                .contains("WinOnly"));
    }
}
