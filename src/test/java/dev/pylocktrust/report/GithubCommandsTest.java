package dev.pylocktrust.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pylocktrust.policy.Finding;
import dev.pylocktrust.policy.FindingCode;
import dev.pylocktrust.policy.Severity;
import dev.pylocktrust.policy.SourceLocation;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GithubCommandsTest {

    private static Finding finding(String message, Optional<SourceLocation> loc) {
        return new Finding(Severity.FAILURE, FindingCode.IDENTITY_CHANGED, "sampleproject", Optional.empty(), message,
                "expected GitHub pypa/sampleproject, found GitHub evil/sampleproject", "re-lock if intended", loc);
    }

    @Test
    void annotationPointsAtFileAndLine() {
        String line = GithubCommands.annotation(
                finding("identity changed", Optional.of(new SourceLocation("locks/pylock.toml", 42))), "sampleproject");
        assertThat(line).isEqualTo("::error file=locks/pylock.toml,line=42,title=sampleproject::identity changed"
                + "%0Aexpected GitHub pypa/sampleproject, found GitHub evil/sampleproject%0Ahint: re-lock if intended");
    }

    @Test
    void hostileTextCannotInjectWorkflowCommands() {
        String line = GithubCommands.annotation(
                finding("x\n::add-mask::secret 100%\u001b[2J\u202e", Optional.of(new SourceLocation("a,b:c.toml", 1))),
                "t,i:tle");
        assertThat(line.lines()).hasSize(1);
        assertThat(line).contains("file=a%2Cb%3Ac.toml").contains("title=t%2Ci%3Atle")
                .contains("x\\u000A::add-mask::secret 100%25\\u001B[2J\\u202E%0A");
    }

    @Test
    void withoutLocationHasNoFileProperty() {
        assertThat(GithubCommands.annotation(finding("m", Optional.empty()), ""))
                .startsWith("::error::m%0A");
    }

    @Test
    void linesStartAtOne() {
        assertThatThrownBy(() -> new SourceLocation("p", 0)).hasMessageContaining("line must be 1 or more");
    }
}
