"""packaging.pylock as an oracle for the interop tests (dev.pylocktrust.testkit.python.PackagingPylock).

Run as: python3 packaging_select.py <packaging wheel>. Reads one JSON request a line:
    {"toml": "<lock text>", "targets": [{"python": "3.12", "platforms": ["manylinux_2_28_x86_64"],
                                          "extras": ["test"], "groups": null}]}
and answers one JSON line:
    {"valid": true, "selections": [{"files": ["app-1.0-py3-none-any.whl", "tool (direct)"]}, {"error": "..."}]}
or  {"valid": false, "error": "PylockValidationError: ..."}.

The lock is loaded with tomllib and Pylock.from_dict, then Pylock.select() picks for each target, with a marker
environment and a tag list built here from the Python version and platform tags (packaging's own cpython_tags,
compatible_tags and mac_platforms), independently of pylock-trust's Java code.
"""
import json
import re
import sys
import tomllib

sys.path.insert(0, sys.argv[1])

from packaging import tags as packaging_tags  # noqa: E402
from packaging.pylock import PackageSdist, PackageWheel, Pylock  # noqa: E402

LEGACY_MANYLINUX = {"1": 5, "2010": 12, "2014": 17}
ALIASES = {5: "manylinux1", 12: "manylinux2010", 17: "manylinux2014"}


def platforms(tag):
    """The platform tags a target platform installs, best first (PEP 600, PEP 656, macOS, Windows)."""
    m = re.fullmatch(r"manylinux_2_(\d+)_(.+)", tag) or re.fullmatch(r"manylinux(1|2010|2014)_(.+)", tag)
    if m:
        minor = int(m.group(1)) if tag.startswith("manylinux_") else LEGACY_MANYLINUX[m.group(1)]
        arch = m.group(2)
        oldest = 5 if arch in ("x86_64", "i686") else 17
        for v in range(minor, oldest - 1, -1):
            yield f"manylinux_2_{v}_{arch}"
            if v in ALIASES:
                yield f"{ALIASES[v]}_{arch}"
        return
    m = re.fullmatch(r"musllinux_1_(\d+)_(.+)", tag)
    if m:
        for v in range(int(m.group(1)), -1, -1):
            yield f"musllinux_1_{v}_{m.group(2)}"
        return
    m = re.fullmatch(r"macosx_(\d+)_(\d+)_(.+)", tag)
    if m:
        yield from packaging_tags.mac_platforms((int(m.group(1)), int(m.group(2))), m.group(3))
        return
    yield tag


def environment(python, tag):
    """The PEP 508 marker environment of CPython `python` on `tag` (unknowable values empty)."""
    numeric = python.rstrip("t")
    full = numeric if numeric.count(".") == 2 else numeric + ".0"
    if tag.startswith(("manylinux", "musllinux")):
        os_name, sys_platform, system = "posix", "linux", "Linux"
        machine = re.fullmatch(r"(?:manylinux_\d+_\d+|manylinux\d+|musllinux_\d+_\d+)_(.+)", tag).group(1)
    elif tag.startswith("macosx"):
        os_name, sys_platform, system = "posix", "darwin", "Darwin"
        machine = tag.split("_", 3)[3]
    else:
        os_name, sys_platform, system = "nt", "win32", "Windows"
        machine = {"win_amd64": "AMD64", "win_arm64": "ARM64", "win32": "x86"}[tag]
    return {
        "implementation_name": "cpython",
        "implementation_version": full,
        "os_name": os_name,
        "platform_machine": machine,
        "platform_release": "",
        "platform_system": system,
        "platform_version": "",
        "python_full_version": full,
        "platform_python_implementation": "CPython",
        "python_version": ".".join(full.split(".")[:2]),
        "sys_platform": sys_platform,
    }


def tags(python, platform_tags):
    """Tags in priority order; several platforms: the first one's tags all come before the next one's."""
    threaded = python.endswith("t")
    major, minor = (int(x) for x in python.rstrip("t").split(".")[:2])
    version = (major, minor)
    interpreter = f"cp{major}{minor}"
    out = []
    for tag in platform_tags:
        expanded = list(platforms(tag))
        out += packaging_tags.cpython_tags(version, abis=[interpreter + ("t" if threaded else "")],
                                           platforms=expanded)
        out += packaging_tags.compatible_tags(version, interpreter, expanded)
    return out


def describe(package, dist):
    if isinstance(dist, (PackageWheel, PackageSdist)):
        return dist.filename
    return f"{package.name} (direct)"


def answer(request):
    try:
        lock = Pylock.from_dict(tomllib.loads(request["toml"]))
    except Exception as e:  # noqa: BLE001 - any refusal is the verdict
        return {"valid": False, "error": f"{type(e).__name__}: {e}"}
    selections = []
    for t in request["targets"]:
        try:
            chosen = lock.select(environment=environment(t["python"], t["platforms"][0]),
                                 tags=tags(t["python"], t["platforms"]), extras=t["extras"],
                                 dependency_groups=t["groups"])
            selections.append({"files": sorted(describe(p, d) for p, d in chosen)})
        except Exception as e:  # noqa: BLE001
            selections.append({"error": f"{type(e).__name__}: {e}"})
    return {"valid": True, "selections": selections}


for line in sys.stdin:
    sys.stdout.write(json.dumps(answer(json.loads(line))) + "\n")
    sys.stdout.flush()
