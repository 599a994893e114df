package dev.pylocktrust.cli;

/** Process entry point: runs the command line and exits with its code. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(PylockTrust.commandLine().execute(args));
    }
}
