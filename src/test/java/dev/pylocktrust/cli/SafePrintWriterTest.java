package dev.pylocktrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pylocktrust.report.AnsiStyle;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The output edge: what a command prints reaches the terminal escaped, whoever built the message. */
class SafePrintWriterTest {
    private final StringWriter sink = new StringWriter();
    private final PrintWriter raw = new PrintWriter(sink);

    @Test
    void controlBidiAndSeparatorsBecomeEscapesAndNewlinesStay() {
        PrintWriter out = SafePrintWriter.of(raw, false);
        out.println("a\u001b[2Jb\rc\td\u202Ee\u2066f\u200Eg\u061Ch\u2028i\u0085j\u009bk\u007fl");
        out.print("second line\n");
        out.flush();
        assertThat(sink.toString()).isEqualTo("a\\u001B[2Jb\\u000Dc\\u0009d\\u202Ee\\u2066f\\u200Eg\\u061Ch\\u2028i"
                + "\\u0085j\\u009Bk\\u007Fl\nsecond line\n");
    }

    @Test
    void onlyPylockTrustsOwnStylesPassAndOnlyWhenColourIsOn() {
        String styled = AnsiStyle.RED.apply("error") + " \u001b[8mhidden\u001b]0;title\u0007 "
                + AnsiStyle.BOLD.apply("x");
        PrintWriter colour = SafePrintWriter.of(raw, true);
        colour.print(styled);
        colour.flush();
        assertThat(sink.toString()).isEqualTo("\u001b[1;31merror\u001b[0m \\u001B[8mhidden\\u001B]0;title\\u0007 "
                + "\u001b[1mx\u001b[0m");

        StringWriter plainSink = new StringWriter();
        PrintWriter plain = SafePrintWriter.of(new PrintWriter(plainSink), false);
        plain.print(AnsiStyle.RED.apply("error"));
        plain.flush();
        assertThat(plainSink.toString()).isEqualTo("\\u001B[1;31merror\\u001B[0m");
    }

    @Test
    void aSurrogatePairSplitAcrossWritesIsKeptAndALoneOneEscaped() {
        PrintWriter out = SafePrintWriter.of(raw, false);
        out.print('\uD83D');
        out.print('\uDE00');
        out.print("|\uDC00|");
        out.print('\uD800');
        out.flush();
        assertThat(sink.toString()).isEqualTo("\uD83D\uDE00|\\uDC00|\\uD800");
    }

    @Test
    void linesEndInNewlineOnEveryPlatformAndTheEdgeIsNotStacked() {
        PrintWriter out = SafePrintWriter.of(raw, false);
        assertThat(SafePrintWriter.of(out, false)).isSameAs(out);
        assertThat(SafePrintWriter.unfiltered(out)).isSameAs(raw);
        assertThat(SafePrintWriter.unfiltered(raw)).isSameAs(raw);
        out.println("x");
        assertThat(sink.toString()).isEqualTo("x\n");
    }

    @Test
    void everyCommandRunsBehindTheEdge() {
        CliRunner.Result r = CliRunner.run("verify", "missing\u001b[2J\u202E.toml");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("missing\\u001B[2J\\u202E.toml").doesNotContain("\u001b", "\u202E");
        CliRunner.Result help = CliRunner.run("verify", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.stdout()).startsWith("Usage: pylock-trust verify");
    }
}
