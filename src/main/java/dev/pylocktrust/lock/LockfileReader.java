package dev.pylocktrust.lock;

import dev.pylocktrust.IoErrors;
import dev.pylocktrust.python.PackageName;
import dev.pylocktrust.python.InvalidSpecException;
import dev.pylocktrust.python.Marker;
import dev.pylocktrust.python.SpecifierSet;
import dev.pylocktrust.toml.SubsetParser;
import dev.pylocktrust.toml.TomlTree;
import dev.pylocktrust.toml.TomljTrees;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tomlj.Toml;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlVersion;

/**
 * Reads any PEP 751 lock file (ours, uv's, pip's, pdm's) into a {@link Lockfile}: tolerant of layout (inline
 * tables or {@code [[...]]} sections, optional keys missing, keys from other tools or a newer minor version kept
 * as is), strict where the spec says MUST. Every error is a {@link LockfileException} naming the file, the line
 * and the TOML key path; a file is never partly accepted.
 *
 * <p>The file may come from an untrusted pull request, so reading is bounded by {@link LockfileLimits}.
 */
public final class LockfileReader {
    private static final Pattern LOCK_VERSION = Pattern.compile("(\\d{1,9})(?:\\.(\\d{1,9}))*");

    private final LockfileLimits limits;

    public LockfileReader() {
        this(LockfileLimits.DEFAULT);
    }

    public LockfileReader(LockfileLimits limits) {
        this.limits = limits;
    }

    /** Reads and validates {@code file}; messages name it as given. */
    public ParsedLockfile read(Path file) {
        String name = file.toString();
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxFileBytes() + 1));
        } catch (NoSuchFileException e) {
            throw new LockfileException(name, 0, "", "no such file", e,
                    "check the path, or run 'pylock-trust lock' to create it");
        } catch (IOException e) {
            throw new LockfileException(name, 0, "", "cannot read: " + IoErrors.reason(e), e);
        }
        return parse(bytes, name);
    }

    /** Parses lock file bytes (UTF-8, as TOML requires); {@code file} is the name used in messages. */
    public ParsedLockfile parse(byte[] bytes, String file) {
        if (bytes.length > limits.maxFileBytes()) {
            throw new LockfileException(file, 0, "", "file is larger than the limit of " + limits.maxFileBytes()
                    + " bytes", "a real lock file is far smaller; check that this is the right file");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            int line = 1 + countNewlines(bytes, firstBadByte(bytes));
            throw new LockfileException(file, line, "", "not valid UTF-8 (TOML files must be UTF-8)", e);
        } catch (OutOfMemoryError e) {
            throw tooLarge(file, bytes.length);
        }
        return parse(text, file);
    }

    /** Parses lock file text; {@code file} is the name used in messages. */
    public ParsedLockfile parse(String text, String file) {
        if (text.length() > limits.maxFileBytes()) {
            throw new LockfileException(file, 0, "", "file is larger than the limit of " + limits.maxFileBytes()
                    + " bytes");
        }
        // A byte order mark some editors add; TOML parsers differ on it.
        String toml = text.startsWith("\uFEFF") ? text.substring(1) : text;
        TomlTree.Table tree;
        try {
            tree = SubsetParser.parse(toml).orElseGet(() -> parseFully(toml, file));
        } catch (OutOfMemoryError e) {
            throw tooLarge(file, toml.length()); // whichever parser ran out, its tree is garbage once we unwind
        }
        ReadContext ctx = new ReadContext(file, limits);
        Lockfile lock;
        try {
            lock = readTop(new TomlNode(ctx, tree, "", 1));
        } catch (IllegalArgumentException e) {
            // Every rule is checked above with its location; this only keeps a missed one a usage error.
            throw new LockfileException(file, 0, "", "invalid lock file: " + e.getMessage(), e);
        }
        return new ParsedLockfile(file, lock, ctx.sourceMap.build(), ctx.warnings);
    }

    /**
     * Text outside {@link SubsetParser}'s subset (or not TOML at all) is read by tomlj, which also words the
     * errors. tomlj holds a parse tree of about 270 bytes of heap per byte of input while it reads.
     */
    private static TomlTree.Table parseFully(String text, String file) {
        TomlParseResult toml;
        try {
            toml = Toml.parse(text, TomlVersion.V1_0_0);
        } catch (StackOverflowError e) {
            throw new LockfileException(file, 0, "", "invalid TOML: nested too deeply to parse");
        } catch (RuntimeException | AssertionError e) {
            // tomlj 1.1.1 throws on some malformed input instead of reporting it: a NullPointerException for an
            // offset date-time with a broken offset, an AssertionError (with java -ea) for an incomplete unicode
            // escape. Found by LockfileFuzzTest.
            throw new LockfileException(file, 0, "", "invalid TOML: a malformed escape sequence or value");
        }
        if (toml.hasErrors()) {
            TomlParseError first = toml.errors().get(0);
            int more = toml.errors().size() - 1;
            throw new LockfileException(file, first.position() == null ? 0 : first.position().line(), "",
                    "invalid TOML: " + first.getMessage() + (more > 0 ? " (and " + more + " more errors)" : ""));
        }
        try {
            return TomljTrees.of(toml, text);
        } catch (StackOverflowError e) {
            throw new LockfileException(file, 0, "", "invalid TOML: nested too deeply to parse");
        }
    }

    private static LockfileException tooLarge(String file, long size) {
        long kib = size / 1024;
        return new LockfileException(file, 0, "", "file is too large to parse in the available memory ("
                + (kib < 1024 ? kib + " KiB" : kib / 1024 + " MiB") + ")",
                "give Java more memory (-Xmx) or split the lock file");
    }

    private Lockfile readTop(TomlNode root) {
        String lockVersion = root.requireString("lock-version", "PEP 751 files start with lock-version = \"1.0\"");
        checkLockVersion(root, lockVersion);
        String createdBy = root.requireString("created-by", "created-by names the tool that wrote the file");
        if (createdBy.isEmpty()) {
            throw root.keyError("created-by", "must not be empty");
        }
        int max = limits.maxArrayLength();
        Optional<String> requiresPython = root.optValid("requires-python", SpecifierSet::parse);
        Optional<List<String>> environments = root.optStringArray("environments", max);
        for (int i = 0; i < environments.map(List::size).orElse(0); i++) {
            try {
                Marker.parse(environments.get().get(i));
            } catch (InvalidSpecException e) {
                throw root.ctx.error(root.lineOfElement("environments", i), KeyPath.index("environments", i),
                        e.getMessage());
            }
        }
        Optional<List<String>> extras = root.optStringArray("extras", max);
        if (extras.isPresent()) {
            for (int i = 0; i < extras.get().size(); i++) {
                String extra = extras.get().get(i);
                if (!PackageName.isNormalized(extra)) {
                    throw root.ctx.error(root.lineOfElement("extras", i), KeyPath.index("extras", i),
                            "extra name '" + extra + "' is not normalized", PylockTrustTables.normalizeHint(extra));
                }
            }
        }
        Optional<List<String>> groups = root.optStringArray("dependency-groups", max);
        Optional<List<String>> defaultGroups = root.optStringArray("default-groups", max);

        List<TomlNode> packageNodes = root.optTableArray("packages", limits.maxPackages()).orElseThrow(() ->
                root.keyError("packages", "required array missing", "an empty lock file still needs packages = []"));
        List<LockedPackage> packages = new ArrayList<>(packageNodes.size());
        for (TomlNode n : packageNodes) {
            packages.add(PackageReader.read(n));
        }

        RawTable tool = RawTable.EMPTY;
        TrustPolicy policy = TrustPolicy.EMPTY;
        Optional<TomlNode> toolNode = root.optTable("tool");
        if (toolNode.isPresent()) {
            Optional<TomlNode> ours = toolNode.get().optTable(PylockTrustTables.TOOL_NAME);
            if (ours.isPresent()) {
                policy = PylockTrustTables.readPolicy(ours.get());
            }
            tool = toolNode.get().unknownKeys(Set.of(PylockTrustTables.TOOL_NAME), true);
        }
        RawTable extra = root.unknownKeys(Lockfile.KEYS, false);
        return new Lockfile(lockVersion, createdBy, requiresPython, environments, extras, groups, defaultGroups,
                packages, tool, policy, extra);
    }

    /** PEP 751: a major version other than 1 MUST be an error; an unknown minor version deserves a warning. */
    private static void checkLockVersion(TomlNode root, String version) {
        Matcher m = LOCK_VERSION.matcher(version);
        if (!m.matches()) {
            throw root.keyError("lock-version", "'" + version + "' is not a version number",
                    "write lock-version = \"1.0\"");
        }
        String[] parts = version.split("\\.");
        if (!parts[0].equals("1")) {
            throw root.keyError("lock-version", "lock-version " + version + " is not supported (this version of "
                    + "pylock-trust reads lock-version 1.x)",
                    "regenerate the file with a tool that writes lock-version 1.0, or upgrade pylock-trust");
        }
        boolean newerMinor = parts.length > 1 && !parts[1].chars().allMatch(c -> c == '0');
        if (newerMinor) {
            root.ctx.warn(root.lineOf("lock-version"), "lock-version", "lock-version " + version
                    + " is newer than 1.0; keys this version does not know are kept but not checked");
        }
    }

    /** The offset of the first byte that is not valid UTF-8 (an error path, so decoding twice is fine). */
    private static int firstBadByte(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(in, CharBuffer.allocate(bytes.length + 1), true);
        return in.position();
    }

    private static int countNewlines(byte[] bytes, int end) {
        int n = 0;
        for (int i = 0; i < end && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                n++;
            }
        }
        return n;
    }
}
