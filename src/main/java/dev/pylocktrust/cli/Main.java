package dev.pylocktrust.cli;

import picocli.CommandLine;

/** Process entry point: runs the command line and exits with its code. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        CommandLine cl = PylockTrust.commandLine();
        UncaughtExceptions uncaught = new UncaughtExceptions(cl.getErr(), System::exit);
        Thread.setDefaultUncaughtExceptionHandler(uncaught);
        cl.setExecutionStrategy(parsed -> {
            uncaught.verbose(OutputOptions.isVerbose(parsed));
            return new CommandLine.RunLast().execute(parsed);
        });
        System.exit(cl.execute(args));
    }
}
