package dev.pylocktrust.cli;

/**
 * The last line of each command's {@code --help}: the documentation page that describes it in full. Constants, so the
 * {@code @Command} annotations can use them.
 */
final class DocsLink {
    private static final String PREFIX = "Docs: docs/";

    static final String INDEX = PREFIX + "README.md";
    static final String LOCK = PREFIX + "lock.md";
    static final String VERIFY = PREFIX + "verify.md";
    static final String DIFF = PREFIX + "diff.md";
    static final String INSPECT = PREFIX + "inspect.md";
    static final String TRUST_ROOT = PREFIX + "trust-root.md";

    private DocsLink() {}
}
