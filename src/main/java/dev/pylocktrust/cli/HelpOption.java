package dev.pylocktrust.cli;

import picocli.CommandLine.Option;

/** {@code -h/--help} for subcommands ({@code --version} is the top-level command's only). */
@HelpSection(HelpLayout.OUTPUT)
final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;
}
