package dev.pylocktrust.testkit.python;

import java.util.List;

/**
 * The pip command lines the documentation shows, exactly as shown. The interop tests run each of them verbatim
 * through {@code sh -c} in a directory laid out as the docs describe ({@link PipEnvironment#sh}), and
 * {@code DocumentedPipCommandsTest} fails for any pip command in the help texts, README, docs or examples that is
 * not one of these: a command nobody runs goes stale.
 */
public final class PipCommands {
    private PipCommands() {}

    /** Brings pip to a version that installs from a pylock.toml. */
    public static final String UPGRADE_PIP = "python -m pip install \"pip>=26.2\"";

    /** pip 26.2+: installs the lock's default selection, every file checked against the lock's sha256. */
    public static final String INSTALL_FROM_LOCK = "pip install -r pylock.toml";

    /** pip 26.2+: writes a PEP 751 lock of requirements.txt, for {@code pylock-trust lock --from-lock}. */
    public static final String LOCK = "pip lock -r requirements.txt -o pylock.pip.toml";

    /** Older pip, other installers: a hash-pinned requirements file from the lock (examples/pylock-to-requirements.py). */
    public static final String REQUIREMENTS = "python pylock-to-requirements.py pylock.toml > requirements-hashed.txt";

    /** Older pip, other installers: download the hash-pinned selection into a wheelhouse. */
    public static final String DOWNLOAD = "pip download --no-deps --dest wheels -r requirements-hashed.txt";

    /** Older pip: the report of what pip would install from the wheelhouse, for {@code verify --pip-report}. */
    public static final String REPORT = "pip install --dry-run --ignore-installed --no-deps --no-index "
            + "--find-links wheels --report pip-report.json -r requirements-hashed.txt";

    /** Older pip: install from the verified wheelhouse only. */
    public static final String INSTALL_FROM_WHEELHOUSE = "pip install --no-deps --no-index --find-links wheels "
            + "-r requirements-hashed.txt";

    /**
     * Installs pylock-trust itself as a Python tool. {@code PythonWheelIT} runs it verbatim in a fresh virtual
     * environment, with {@code PIP_NO_INDEX} and {@code PIP_FIND_LINKS} (pip's own configuration, as a pip.conf would
     * set it) pointing pip at the built wheel instead of PyPI.
     */
    public static final String INSTALL_TOOL = "pip install pylock-trust";

    /** Every command above. */
    public static final List<String> ALL = List.of(UPGRADE_PIP, INSTALL_FROM_LOCK, LOCK, REQUIREMENTS, DOWNLOAD, REPORT,
            INSTALL_FROM_WHEELHOUSE, INSTALL_TOOL);
}
