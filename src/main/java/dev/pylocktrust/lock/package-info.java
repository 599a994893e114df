/**
 * The PEP 751 lock file ({@code pylock.toml}): model, reader, deterministic writer and atomic write.
 *
 * <p>Spec: <a href="https://packaging.python.org/en/latest/specifications/pylock-toml/">pylock.toml</a>
 * (PEP 751). What this package adds: {@code [[packages.attestation-identities]]} filled with verified publisher
 * identities, per-file verification facts in {@code [packages.tool.pylock-trust]}, and reviewer-visible policy in
 * {@code [tool.pylock-trust]}.
 *
 * <p>PyPA rules (names, versions, wheel filenames, markers, specifiers) come from {@code dev.pylocktrust.python};
 * this package adds where a string sits in the file, so every error reads {@code FILE:LINE: KEY.PATH: problem}.
 *
 * <p>Traps this package handles, each with a test:
 * <ul>
 *   <li>Every array of tables may be written inline ({@code wheels = [{...}]}) or as {@code [[packages.wheels]]};
 *       tomlj gives both the same shape, but reports the position of an inline element at the token before it,
 *       so {@link dev.pylocktrust.lock.SourceMap} scans forward to the element's real line.</li>
 *   <li>A file's name is {@code name}, else the basename of {@code path}, else the percent-decoded basename of
 *       {@code url}; {@code name} may be a normalized spelling ({@code pyjwt-...}) while the URL says
 *       {@code PyJWT-...}. Compare parsed names, never raw strings.</li>
 *   <li>{@code attestation-identities} belong to each package, with the publisher's keys flat next to
 *       {@code kind} (uv models them at the top level; we never write or expect that).</li>
 *   <li>{@code lock-version}: a major other than 1 is an error, an unknown minor a warning.</li>
 *   <li>{@code upload-time} is a TOML datetime, not a string; TOML requires seconds, which
 *       {@code OffsetDateTime.toString()} drops when they are zero.</li>
 *   <li>Tool tables are disposable for installers: nothing that decides trust lives only there, except our own
 *       policy, which is reviewed in the diff and whose unknown keys are errors so a typo cannot weaken it.</li>
 *   <li>Unknown keys in PEP 751 tables and other tools' tables survive a read/write round trip.</li>
 *   <li>tomlj's {@code Toml.tomlEscape} writes {@code \'}, which is not a TOML escape: Python's tomllib rejects
 *       the file. {@code TomlEmitter} escapes strings itself; a Python interop test guards it.</li>
 *   <li>tomlj keeps the whole parse tree: about 270 bytes of heap per byte of input, hence a 16 MiB limit.</li>
 * </ul>
 */
package dev.pylocktrust.lock;
