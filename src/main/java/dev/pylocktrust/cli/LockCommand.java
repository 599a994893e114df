package dev.pylocktrust.cli;

import dev.pylocktrust.UsageException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code pylock-trust lock}: not implemented yet; exits 2 so that no CI pipeline mistakes it for a pass. */
@Command(name = "lock", mixinStandardHelpOptions = true, description = "Lock dependencies into a PEP 751 pylock.toml with verified publisher identities. (not yet implemented)")
final class LockCommand implements Callable<Integer> {
    @Mixin
    OutputOptions output;

    @Parameters(arity = "0..*", hidden = true)
    List<String> ignored;

    @Override
    public Integer call() {
        throw new UsageException("'pylock-trust lock' is not yet implemented in this version",
                "see the README's command reference for what this version supports");
    }
}
