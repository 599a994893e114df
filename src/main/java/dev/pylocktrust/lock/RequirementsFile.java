package dev.pylocktrust.lock;

import dev.pylocktrust.IoErrors;
import dev.pylocktrust.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads pip requirements files, following nested {@code -r} includes (relative to the including file). Bounded:
 * {@link #MAX_BYTES} per file, {@link #MAX_DEPTH} levels of nesting, {@link #MAX_REQUIREMENTS} in all; an include
 * cycle is an error naming the line that closes it.
 */
public final class RequirementsFile {
    static final int MAX_BYTES = 4 * 1024 * 1024;
    static final int MAX_DEPTH = 16;
    static final int MAX_REQUIREMENTS = 10_000;

    private final List<RequirementLine> lines = new ArrayList<>();

    private RequirementsFile() {}

    /**
     * Every requirement of {@code file} and the files it includes, in file order.
     *
     * @param file the file as the user named it (messages show it this way)
     * @throws UsageException for an unreadable, malformed or unsupported file, naming the file and line
     */
    public static List<RequirementLine> read(Path file) {
        RequirementsFile r = new RequirementsFile();
        r.read(file, file.toString(), Optional.empty(), new ArrayList<>());
        return List.copyOf(r.lines);
    }

    /**
     * Requirements given as command-line arguments (no options or comments allowed).
     *
     * @throws UsageException naming the argument
     */
    public static List<RequirementLine> fromArguments(List<String> arguments) {
        List<RequirementLine> out = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            out.add(RequirementsParser.argument(arguments.get(i), i + 1));
        }
        return List.copyOf(out);
    }

    private void read(Path file, String display, Optional<RequirementOrigin> includedAt, List<Path> stack) {
        Path real = realPath(file, display, includedAt);
        if (stack.contains(real)) {
            throw RequirementsParser.error(includedAt.orElseThrow(), "-r " + display + " includes a file that is "
                    + "already being read (an include cycle)");
        }
        if (stack.size() >= MAX_DEPTH) {
            throw RequirementsParser.error(includedAt.orElseThrow(), "requirements files nested more than "
                    + MAX_DEPTH + " deep");
        }
        String text = decode(readBytes(file, display, includedAt), display);
        stack.add(real);
        for (RequirementsParser.Entry e : RequirementsParser.parse(text, display)) {
            if (e instanceof RequirementsParser.Include inc) {
                Path target = file.resolveSibling(inc.path());
                String targetDisplay = Optional.ofNullable(Path.of(display).getParent())
                        .map(p -> p.resolve(inc.path()).normalize().toString()).orElse(inc.path());
                read(target, targetDisplay, Optional.of(inc.origin()), stack);
            } else {
                RequirementLine line = ((RequirementsParser.Item) e).line();
                if (lines.size() >= MAX_REQUIREMENTS) {
                    throw RequirementsParser.error(line.origin(), "more than " + MAX_REQUIREMENTS
                            + " requirements in all");
                }
                lines.add(line);
            }
        }
        stack.remove(stack.size() - 1);
    }

    private static Path realPath(Path file, String display, Optional<RequirementOrigin> includedAt) {
        try {
            if (Files.isDirectory(file)) {
                throw failure(display, includedAt, "is a directory, not a requirements file");
            }
            return file.toRealPath();
        } catch (NoSuchFileException e) {
            throw failure(display, includedAt, "no such file");
        } catch (IOException e) {
            throw failure(display, includedAt, "cannot be read: " + IoErrors.reason(e));
        }
    }

    private static byte[] readBytes(Path file, String display, Optional<RequirementOrigin> includedAt) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw failure(display, includedAt, "is larger than " + MAX_BYTES + " bytes; not a requirements file");
            }
            return bytes;
        } catch (IOException e) {
            throw failure(display, includedAt, "cannot be read: " + IoErrors.reason(e));
        }
    }

    private static String decode(byte[] bytes, String display) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new UsageException(display + ": not valid UTF-8", "save the requirements file as UTF-8");
        }
    }

    private static UsageException failure(String display, Optional<RequirementOrigin> includedAt, String problem) {
        return includedAt.map(o -> RequirementsParser.error(o, "-r " + display + ": " + problem))
                .orElseGet(() -> new UsageException("requirements file " + display + " " + problem
                        .replaceFirst("^no such file$", "does not exist")));
    }
}
