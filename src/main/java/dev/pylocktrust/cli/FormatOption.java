package dev.pylocktrust.cli;

import picocli.CommandLine.Option;

/** {@code --format text|json}, for commands whose output a machine may read. */
@HelpSection(HelpLayout.OUTPUT)
public final class FormatOption {
    /** Output formats shared by most commands. */
    public enum Format { text, json }

    @OneOff
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    public Format format() {
        return format;
    }
}
