"""Runs pylock-trust, the jar shipped in this package, with a Java 17 or newer runtime.

The ``pylock-trust`` console script calls :func:`main`. Java comes from ``JAVA_HOME``, else from ``PATH``, and
starts with the same options as the shell launcher ``bin/pylock-trust`` (a test holds the two equal).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Mapping, Optional, Sequence

MINIMUM_JAVA = 17
JAR = Path(__file__).resolve().with_name("pylock-trust.jar")
HINT = (
    "hint: install Java 17 or newer (e.g. 'sudo apt install openjdk-21-jre-headless', 'brew install openjdk@21', "
    "or Temurin from https://adoptium.net), then set JAVA_HOME to it or put its bin directory on PATH"
)


class JavaProblem(Exception):
    """No Java that can run pylock-trust; the message says why."""


def find_java(environ: Mapping[str, str]) -> tuple[str, str]:
    """The java executable to run and where it came from: ``JAVA_HOME`` if set, else ``PATH``."""
    executable = "java.exe" if os.name == "nt" else "java"
    java_home = environ.get("JAVA_HOME", "")
    if java_home:
        java = os.path.join(java_home, "bin", executable)
        if not (os.path.isfile(java) and os.access(java, os.X_OK)):
            raise JavaProblem(f"JAVA_HOME is {java_home}, but {java} is not an executable file")
        return java, "JAVA_HOME"
    java = shutil.which(executable, path=environ.get("PATH", os.defpath))
    if java is None:
        raise JavaProblem("no Java runtime found: JAVA_HOME is not set and there is no java on PATH")
    return java, "PATH"


def java_major_version(java: str) -> int:
    """The major version of the runtime at ``java``: its ``release`` file says (no JVM start), else ``-version``."""
    release = Path(os.path.realpath(java)).parent.parent / "release"
    try:
        found = re.search(r'^JAVA_VERSION="([^"]*)"', release.read_text(encoding="utf-8", errors="replace"), re.M)
    except OSError:
        found = None
    major = _major(found.group(1)) if found else None
    if major is None:
        try:
            shown = subprocess.run([java, "-version"], capture_output=True, text=True, errors="replace", timeout=60)
        except (OSError, subprocess.SubprocessError) as e:
            raise JavaProblem(f"could not run '{java} -version': {e}") from None
        found = re.search(r'version "([^"]*)"', shown.stderr + shown.stdout)
        major = _major(found.group(1)) if found else None
    if major is None:
        raise JavaProblem(f"could not tell which Java version {java} is (neither its release file nor -version says)")
    return major


def _major(version: str) -> Optional[int]:
    """``17.0.2`` is 17; the old scheme ``1.8.0_392`` is 8."""
    parts = re.match(r"(\d+)(?:\.(\d+))?", version)
    if parts is None:
        return None
    major = int(parts.group(1))
    return int(parts.group(2) or 0) if major == 1 else major


def java_command(java: str, major: int, args: Sequence[str], environ: Mapping[str, str]) -> list[str]:
    """The command line that runs the jar: a small, short-lived CLI, so JVM options favour start-up time."""
    # The same JVM options as bin/pylock-trust (whose comments say why); that launcher also keeps a class-data archive.
    options = ["-XX:+UseSerialGC", "-Xmn24m", "-Xms32m", "-XX:TieredStopAtLevel=1", "-Xshare:auto"]
    if major >= 23:
        # Newer JDKs warn on stderr when a library (protobuf, via sigstore-java) uses sun.misc.Unsafe.
        options.append("--sun-misc-unsafe-memory-access=allow")
    options += environ.get("PYLOCK_TRUST_JAVA_OPTS", "").split()
    return [java, *options, "-jar", str(JAR), *args]


def main() -> int:
    try:
        java, source = find_java(os.environ)
        major = java_major_version(java)
    except JavaProblem as problem:
        return _fail(str(problem), HINT)
    if major < MINIMUM_JAVA:
        return _fail(f"pylock-trust needs Java {MINIMUM_JAVA} or newer, but {java} (from {source}) is Java {major}",
                     HINT)
    if not JAR.is_file():
        return _fail(f"this pylock-trust installation has no {JAR}", "hint: reinstall pylock-trust")
    command = java_command(java, major, sys.argv[1:], os.environ)
    try:
        if os.name == "nt":
            return subprocess.call(command)
        sys.stdout.flush()
        sys.stderr.flush()
        os.execv(java, command)  # replaces this process: Java's exit code and signals reach the caller unchanged
    except KeyboardInterrupt:
        return 130
    except OSError as e:
        return _fail(f"could not start {java}: {e}", HINT)
    return 70  # not reached


def _fail(message: str, hint: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    print(hint, file=sys.stderr)
    return 2
