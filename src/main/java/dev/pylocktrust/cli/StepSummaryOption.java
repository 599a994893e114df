package dev.pylocktrust.cli;

import dev.pylocktrust.IoErrors;
import dev.pylocktrust.Printable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import picocli.CommandLine.Option;

/** {@code --step-summary FILE}: where {@code --format github} appends its Markdown job summary. */
@HelpSection(HelpLayout.OUTPUT)
final class StepSummaryOption {
    @Option(names = "--step-summary", paramLabel = "FILE", defaultValue = "${env:GITHUB_STEP_SUMMARY}",
            description = "With --format github: append the Markdown report here (default: $GITHUB_STEP_SUMMARY).")
    Path file;

    /**
     * Appends {@code markdown} to the file, if one is set, through the same sanitizer as the terminal
     * ({@link Printable#text}): the job summary is a report a person reads. A job summary is a convenience: failing
     * to write it is a warning on {@code err}, never a different verdict.
     */
    void append(String markdown, PrintWriter err) {
        if (file == null || file.toString().isEmpty()) {
            return;
        }
        try {
            Files.writeString(file, Printable.text(markdown), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            err.println("warning: " + Printable.of("cannot append the job summary to " + file + ": "
                    + IoErrors.reason(e)));
            err.flush();
        }
    }
}
