"""A hash-pinned requirements file from a pylock.toml, for pip before 26.2 and other installers.

    python pylock-to-requirements.py pylock.toml > requirements-hashed.txt

Each package with a version and sha256 hashes becomes `name==version ; marker --hash=sha256:...`, with the hash
of every file the lock records for it: pip picks a file for the machine it runs on and refuses any download whose
sha256 is not listed. Left out, with a comment: packages whose marker names extras or dependency groups (pip's
requirements files cannot request them), direct sources (vcs, directory, archive) and files without sha256;
`pylock-trust verify` still checks or reports them. Needs Python 3.11+ (tomllib).
"""
import sys
import tomllib

with open(sys.argv[1], "rb") as f:
    lock = tomllib.load(f)
for package in lock["packages"]:
    marker = package.get("marker", "")
    files = ([package["sdist"]] if "sdist" in package else []) + package.get("wheels", [])
    hashes = [file["hashes"]["sha256"] for file in files if "sha256" in file.get("hashes", {})]
    if "extras" in marker or "dependency_groups" in marker or not hashes or "version" not in package:
        print(f"# left out: {package['name']} (extra or group marker, direct source, or no sha256)")
        continue
    print(f"{package['name']}=={package['version']}" + (f" ; {marker}" if marker else "")
          + "".join(f" --hash=sha256:{h}" for h in hashes))
