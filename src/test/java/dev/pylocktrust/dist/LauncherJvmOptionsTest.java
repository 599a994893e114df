package dev.pylocktrust.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The two launchers, {@code bin/pylock-trust} (shell) and the Python package's {@code launcher.py}, start the JVM with
 * the same options: they are written twice, in two languages, so this holds them together.
 */
class LauncherJvmOptionsTest {

    @Test
    void bothLaunchersStartTheJvmWithTheSameOptions() throws IOException {
        String shell = Files.readString(Path.of("bin/pylock-trust"), StandardCharsets.UTF_8);
        String python = Files.readString(Path.of("src/main/python/pylock_trust/launcher.py"), StandardCharsets.UTF_8);

        List<String> fromShell = Arrays.asList(only(shell, "(?m)^flags=\"([^\"$]*?)\\s*\\$opts\"$").split("\\s+"));
        List<String> fromPython = Pattern.compile("\"([^\"]+)\"")
                .matcher(only(python, "(?m)^\\s*options = \\[([^\\]]*)\\]$")).results().map(m -> m.group(1)).toList();

        assertThat(fromShell).contains("-XX:+UseSerialGC", "-Xms32m", "-XX:TieredStopAtLevel=1");
        assertThat(fromPython).isEqualTo(fromShell);
    }

    private static String only(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("%s in the launcher", regex).isTrue();
        String found = m.group(1).trim();
        assertThat(m.find()).as("%s only once", regex).isFalse();
        return found;
    }
}
