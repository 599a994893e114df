package dev.pylocktrust.index;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Default locations (pure: environment, OS name and home directory are passed in). */
public final class CacheDirs {
    /** What to do when the cache directory cannot be created (e.g. a CI user whose home directory does not exist). */
    public static final String UNUSABLE_HINT = "point the cache elsewhere: set XDG_CACHE_HOME or PYLOCK_TRUST_CACHE_DIR "
            + "to a writable directory, or pass --cache-dir DIR; or run without a cache with --no-cache";

    private CacheDirs() {}

    /**
     * The user cache directory for pylock-trust: {@code $PYLOCK_TRUST_CACHE_DIR} if set; else on Linux and other
     * Unixes {@code $XDG_CACHE_HOME/pylock-trust} or {@code ~/.cache/pylock-trust}; on macOS
     * {@code ~/Library/Caches/pylock-trust}; on Windows {@code %LOCALAPPDATA%\pylock-trust\Cache}.
     */
    public static Path defaultDir(Map<String, String> env, String osName, Path home) {
        String explicit = env.get("PYLOCK_TRUST_CACHE_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String local = env.get("LOCALAPPDATA");
            Path base = local != null && !local.isBlank() ? Path.of(local) : home.resolve("AppData").resolve("Local");
            return base.resolve("pylock-trust").resolve("Cache");
        }
        if (os.startsWith("mac")) {
            return home.resolve("Library").resolve("Caches").resolve("pylock-trust");
        }
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".cache");
        return base.resolve("pylock-trust");
    }

    /** {@code $NETRC} if set, else {@code ~/.netrc} (on Windows also {@code ~/_netrc} is common; pass it with NETRC). */
    public static Optional<Path> defaultNetrc(Map<String, String> env, Path home) {
        String explicit = env.get("NETRC");
        if (explicit != null && !explicit.isBlank()) {
            return Optional.of(Path.of(explicit));
        }
        return Optional.of(home.resolve(".netrc"));
    }
}
