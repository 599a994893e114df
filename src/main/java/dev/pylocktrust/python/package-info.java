/**
 * The PyPA rules, pure and I/O-free: project names (PEP 503/508), versions and specifiers (PEP 440), markers and
 * requirements (PEP 508, with PEP 751's lock-file marker variables), wheel and sdist filenames (PEP 427/625), the
 * PEP 740 filename comparison, and platform tags for lock targets (PEP 425/600/656).
 *
 * <p>Entry points: {@link dev.pylocktrust.python.PackageName}, {@link dev.pylocktrust.python.Version},
 * {@link dev.pylocktrust.python.SpecifierSet}, {@link dev.pylocktrust.python.Marker},
 * {@link dev.pylocktrust.python.Requirement}, {@link dev.pylocktrust.python.DistributionFilename},
 * {@link dev.pylocktrust.python.TargetEnvironment}. Every parser throws
 * {@link dev.pylocktrust.python.InvalidSpecException} naming the input, the failed part and the rule.
 *
 * <p>Specifications implemented:
 * <ul>
 *   <li><a href="https://packaging.python.org/en/latest/specifications/name-normalization/">Name normalization</a>
 *   <li><a href="https://packaging.python.org/en/latest/specifications/version-specifiers/">Version specifiers</a>
 *   <li><a href="https://packaging.python.org/en/latest/specifications/binary-distribution-format/">Binary
 *       distribution format</a>
 *   <li><a href="https://packaging.python.org/en/latest/specifications/source-distribution-format/">Source
 *       distribution format</a>
 *   <li><a href="https://packaging.python.org/en/latest/specifications/platform-compatibility-tags/">Platform
 *       compatibility tags</a>
 *   <li><a href="https://packaging.python.org/en/latest/specifications/dependency-specifiers/">Dependency
 *       specifiers</a> (PEP 508 requirements and markers)
 *   <li><a href="https://packaging.python.org/en/latest/specifications/pylock-toml/">pylock.toml</a> (marker
 *       variables {@code extras} and {@code dependency_groups})
 *   <li><a href="https://peps.python.org/pep-0740/#attestation-verification">PEP 740 attestation verification</a>
 *       (subject name vs. filename)
 * </ul>
 *
 * <p>Traps, each pinned by a test:
 * <ul>
 *   <li>Version equality is not string equality: {@code 1.0 == 1.0.0 == 1}, {@code 1.0a1 == 1.0.alpha1 == 1.0-a1},
 *       {@code 1.0c1 == 1.0rc1}, {@code 1.0-1 == 1.0.post1}, {@code v1.0 == 1.0}, {@code 1.0+01 == 1.0+1}.
 *   <li>A dev-only release sorts before every pre-release of the same release: {@code 1.0.dev1 < 1.0a1.dev1 <
 *       1.0a1}; but {@code 1.0.post1.dev1} sorts after {@code 1.0}.
 *   <li>A local version sorts above its public version ({@code 1.0 < 1.0+local < 1.0.post1}); in local labels,
 *       numbers sort above strings and a shorter label first ({@code 1.2+abc < 1.2+0 < 1.2+1.1 < 1.2+1.1.0}).
 *   <li>Case-insensitivity is ASCII-only: Python without {@code re.ASCII} lets U+0130 or U+212A match
 *       {@code [a-z]}; we never do.
 *   <li>Version numbers must fit in a {@code long}; larger ones are rejected, never wrapped.
 *   <li>Wheel filenames: suffix is case-sensitive ({@code .WHL} is not a wheel); the name part may be unnormalized
 *       ({@code MarkupSafe}, {@code zope.interface}) but never contains {@code __}; compressed tag sets compare as
 *       sets, so {@code manylinux2014_x86_64.manylinux_2_17_x86_64} equals the reverse order; tags are lower-cased.
 *   <li>Sdist filenames split at the last {@code -}: {@code foo-1.0-1.tar.gz} is name {@code foo-1.0}, version
 *       {@code 1}. Only {@code .tar.gz} with {@code _}-normalized name and normalized version is PEP 625 standard.
 *   <li>PEP 740 subjects must be compared to filenames by parsing both: old publishers re-sorted tag sets, and
 *       {@code 1.0} vs {@code 1.0.0} must match.
 *   <li>Specifiers: {@code ==1.0} matches {@code 1.0+local} but {@code ==1.0+local} does not match {@code 1.0};
 *       {@code >1.0} excludes {@code 1.0.post1} and {@code 1.0+local} yet {@code >1.0a1} accepts {@code 1.0.post0};
 *       {@code <2.0} excludes {@code 2.0a1} and {@code 2.0.dev0} but {@code <1.0.post1} accepts {@code 1.0a1};
 *       {@code ~=1} is an error; {@code ===} compares the candidate string as written. {@code !=} and
 *       {@code ==X.*} never opt a set into pre-releases; other clauses naming a pre-release do.
 *   <li>Markers: version variables compare as PEP 440 when the operator and literal form a valid specifier
 *       ({@code python_version >= "3.9"} holds for 3.10), else as strings; {@code platform_release} is a version
 *       variable (as in packaging) but {@code platform_version} is not; {@code <}/{@code >} on strings are false
 *       and {@code <=}/{@code >=} mean {@code ==}; {@code in} is a substring test ({@code "3.1" in python_version}
 *       holds for 3.12); extra and group names are PEP 685-normalized on both sides; a CPython dev build's
 *       {@code python_full_version} {@code 3.13.0+} is read as {@code 3.13.0+local}.
 *   <li>Platform tags: packaging puts the native {@code linux_<arch>} tag first; a remote lock target never
 *       accepts it. abi3 wheels are forward compatible ({@code cp39-abi3} installs on 3.12) but not on
 *       free-threaded builds, which use {@code abi3t}. macOS 11+ deployment targets are {@code N_0} only; arm64
 *       accepts 10.x wheels only as {@code universal2}.
 *   <li>Stricter than packaging, on purpose: names must be ASCII PEP 508 names (packaging accepts {@code foo_bár}
 *       in a wheel name); tags must be ASCII; filenames with path separators, {@code ..}, whitespace, control or
 *       invisible characters, or over 1000 characters are rejected; a compressed tag set may expand to at most
 *       1024 tags; markers must compare exactly one variable with one quoted string, reject unknown variables,
 *       backslashes and undefined operators ({@code os_name ~= "x"}) at parse time, and are bounded in length,
 *       nesting and comparisons; requirements refuse direct URL references.
 * </ul>
 */
package dev.pylocktrust.python;
