#!/usr/bin/env bash
# The "Install pylock-trust" step of action.yml. It chooses which pylock-trust to run and, for a release, downloads
# the release's jar and installs it only if the jar's sha256 equals the one recorded for that version in
# releases.sha256 (next to this script, so it is pinned together with the action's ref).
#
# Which pylock-trust:
#   - input `version` = a release (0.3.0): that release; `source`: build the action's own checkout with Maven;
#   - no input, the action's ref names a release (v0.3.0): that release;
#   - no input, another ref (a commit SHA, a branch): the newest release recorded at that ref;
#   - no input and no release recorded: `source`.
# A version that releases.sha256 does not record is refused: there is no hash to check it against.
#
# Environment: PYLOCK_TRUST_VERSION (input), PYLOCK_TRUST_ACTION_REF and PYLOCK_TRUST_ACTION_REPOSITORY
# (github.action_ref and github.action_repository, which some runners leave empty in composite actions; then they are
# read from GITHUB_ACTION_PATH, .../_actions/OWNER/REPO/REF), GITHUB_ACTION_PATH, GITHUB_SERVER_URL, GITHUB_OUTPUT,
# GITHUB_PATH, RUNNER_TEMP.
# Step outputs: mode (release or source), version, home (the directory whose bin/ holds the pylock-trust launcher).
# Exit codes, as pylock-trust's own: 1 the download is not the recorded jar, 2 unknown version, 3 download failed.
set -euo pipefail

records="$GITHUB_ACTION_PATH/action/releases.sha256"

# fail CODE MESSAGE...: an error annotation, escaped so that no value in it can start another workflow command.
fail() {
    local code=$1 message
    shift
    message="$*"
    message=${message//%/%25}
    message=${message//$'\r'/%0D}
    message=${message//$'\n'/%0A}
    echo "::error title=pylock-trust action::$message"
    exit "$code"
}

recorded_versions() {
    sed -n 's/^[0-9a-f]\{64\}  pylock-trust-\(.*\)\.jar$/\1/p' "$records" | sort -V
}

ref=${PYLOCK_TRUST_ACTION_REF:-}
repository=${PYLOCK_TRUST_ACTION_REPOSITORY:-}
case $GITHUB_ACTION_PATH in
    */_actions/*/*/*)
        IFS=/ read -r owner name path_ref _ <<< "${GITHUB_ACTION_PATH##*/_actions/}"
        ref=${ref:-$path_ref}
        repository=${repository:-$owner/$name}
        ;;
esac

version=${PYLOCK_TRUST_VERSION:-}
if [ -z "$version" ]; then
    if [[ $ref =~ ^v[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
        version=${ref#v}
    else
        version=$(recorded_versions | tail -n 1)
    fi
    if [ -z "$version" ]; then
        echo "::notice title=pylock-trust action::this action's ref (${ref:-unknown}) records no pylock-trust" \
            "release: building it from source with Maven"
        version=source
    fi
fi

if [ "$version" = source ]; then
    {
        echo "mode=source"
        echo "version=source"
        echo "home=$GITHUB_ACTION_PATH"
    } >> "$GITHUB_OUTPUT"
    exit 0
fi

# Exact comparison of the file name field: a version is data, never a pattern.
expected=$(PYLOCK_TRUST_JAR_NAME="pylock-trust-$version.jar" \
    awk '$2 == ENVIRON["PYLOCK_TRUST_JAR_NAME"] && length($1) == 64 { print $1; exit }' "$records")
if [ -z "$expected" ]; then
    known=$(recorded_versions | paste -sd ' ' -)
    fail 2 "pylock-trust '$version' is not a release this action records (action/releases.sha256: ${known:-none})." \
        "Use one of those, or pin the action to the release's tag or commit, or set version: source."
fi
if [ -z "$repository" ]; then
    fail 2 "cannot tell which repository this action comes from (github.action_repository is empty and" \
        "$GITHUB_ACTION_PATH is not under _actions/): set version: source to build it instead"
fi

sha256_of() {
    if command -v sha256sum > /dev/null; then
        sha256sum "$1" | cut -d ' ' -f 1
    else
        shasum -a 256 "$1" | cut -d ' ' -f 1
    fi
}

url="${GITHUB_SERVER_URL:-https://github.com}/$repository/releases/download/v$version/pylock-trust-$version.jar"
home="$RUNNER_TEMP/pylock-trust-$version"
jar="$home/lib/pylock-trust.jar"
# Used twice in one job, the action reuses the jar it installed, if it still has the recorded sha256.
if [ -f "$jar" ] && [ "$(sha256_of "$jar")" = "$expected" ]; then
    echo "pylock-trust $version: installed already, sha256 $expected as recorded in action/releases.sha256"
else
    rm -rf "$home"
    mkdir -p "$home/lib"
    download="$jar.part"
    if ! curl --fail --silent --show-error --location --retry 3 --connect-timeout 30 --max-time 600 \
            --proto '=https,http' --proto-redir '=https,http' --max-filesize 268435456 --output "$download" "$url"
    then
        rm -rf "$home"
        fail 3 "could not download pylock-trust $version from $url"
    fi
    actual=$(sha256_of "$download")
    if [ "$actual" != "$expected" ]; then
        rm -rf "$home"
        fail 1 "refusing to run $url: its sha256 is $actual, but this action records $expected for pylock-trust" \
            "$version (action/releases.sha256). It is not the released jar; nothing was run."
    fi
    mv "$download" "$jar"
    echo "pylock-trust $version: $url, sha256 $actual as recorded in action/releases.sha256"
fi

mkdir -p "$home/bin"
cp "$GITHUB_ACTION_PATH/bin/pylock-trust" "$home/bin/pylock-trust"
chmod +x "$home/bin/pylock-trust"
echo "$home/bin" >> "$GITHUB_PATH"
{
    echo "mode=release"
    echo "version=$version"
    echo "home=$home"
} >> "$GITHUB_OUTPUT"
