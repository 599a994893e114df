package dev.pylocktrust.lock;

import dev.pylocktrust.UsageException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** PEP 751 file names: {@code pylock.toml} or {@code pylock.<name>.toml}, where the name has no dot. */
public final class LockfileNames {
    private static final Pattern NAMED = Pattern.compile("pylock\\.[^.]+\\.toml");

    private LockfileNames() {}

    public static boolean isValid(String fileName) {
        return fileName.equals("pylock.toml") || NAMED.matcher(fileName).matches();
    }

    /** @throws UsageException if {@code target}'s file name is not a PEP 751 lock file name */
    public static void requireValid(Path target) {
        Path name = target.getFileName();
        if (name == null || !isValid(name.toString())) {
            throw new UsageException("cannot write '" + target + "': a PEP 751 lock file must be named "
                    + "pylock.toml or pylock.<name>.toml",
                    "choose e.g. pylock.toml or pylock.dev.toml (the <name> part cannot contain a dot)");
        }
    }
}
