package dev.pylocktrust.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/** {@code -q/--quiet} and {@code -v/--verbose}, shared by every command. */
@HelpSection(HelpLayout.OUTPUT)
public final class OutputOptions {
    @OneOff
    @Option(names = {"-q", "--quiet"}, description = "Print only errors and requested machine output.")
    boolean quiet;

    @OneOff
    @Option(names = {"-v", "--verbose"}, description = "Print details, including the causes of errors.")
    boolean verbose;

    public boolean quiet() {
        return quiet;
    }

    public boolean verbose() {
        return verbose;
    }

    static boolean isVerbose(ParseResult parseResult) {
        ParseResult leaf = parseResult;
        while (leaf != null) {
            if (leaf.hasMatchedOption("-v")) {
                return true;
            }
            leaf = leaf.subcommand();
        }
        return false;
    }
}
