package dev.pylocktrust.lock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Test inputs, always from the project's own copies (the build must work from a plain clone). */
final class Fixtures {
    static final Path UV_EXPORT = Path.of("src/test/resources/fixtures/pylock/uv-export.pylock.toml");
    static final Path PEP751_EXAMPLE = Path.of("src/test/resources/lockfile/pep751-example.pylock.toml");
    static final Path GOLDEN_DIR = Path.of("src/test/resources/golden/lockfile");
    static final List<String> REGENERATE = List.of("pylock-trust", "lock", "-r", "requirements.txt");

    /** A sha256 made of one repeated hex digit, for hand-written lock files. */
    static String sha(char c) {
        return String.valueOf(c).repeat(64);
    }

    static final String HEAD = "lock-version = \"1.0\"\ncreated-by = \"test\"\n";

    /** A minimal valid package entry for project {@code name} 1.0 with one wheel. */
    static String wheelPackage(String name) {
        return "\n[[packages]]\nname = \"" + name + "\"\nversion = \"1.0\"\n"
                + "wheels = [{ url = \"https://files.example/" + name.replace('-', '_')
                + "-1.0-py3-none-any.whl\", hashes = { sha256 = \"" + sha('a') + "\" } }]\n";
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ParsedLockfile parse(String toml) {
        return new LockfileReader().parse(toml, "pylock.toml");
    }

    private Fixtures() {}
}
