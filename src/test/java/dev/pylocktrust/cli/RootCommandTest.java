package dev.pylocktrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RootCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = PylockTrust.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void versionNamesTheToolAndJava() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("pylock-trust ").contains("Java ");
    }

    @Test
    void helpListsCommandsAndExitCodes() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("lock", "verify", "diff", "inspect", "Exit codes:",
                "3    index or network error", "70   internal error");
    }

    @Test
    void unknownCommandIsAUsageErrorWithoutStackTrace() {
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err.toString()).startsWith("error: Unmatched argument at index 0: 'frobnicate'")
                .contains("hint: run 'pylock-trust --help' for usage").doesNotContain("Exception", "\tat ");
    }

    @Test
    void noCommandIsAUsageError() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("Missing a command");
    }
}
