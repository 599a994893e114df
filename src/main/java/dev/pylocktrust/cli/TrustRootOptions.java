package dev.pylocktrust.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --trusted-root FILE}: the Sigstore trusted root to verify against instead of the embedded one. */
public final class TrustRootOptions {
    @Option(names = "--trusted-root", paramLabel = "FILE",
            description = "Sigstore trusted_root.json to verify against (default: the embedded Sigstore production root).")
    Path trustedRoot;

    /** The file given with {@code --trusted-root}, or {@code null} for the embedded production root. */
    public Path trustedRoot() {
        return trustedRoot;
    }
}
