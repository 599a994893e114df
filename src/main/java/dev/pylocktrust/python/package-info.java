/**
 * The PyPA rules, pure and I/O-free: project names (PEP 503/508), versions (PEP 440), wheel and sdist filenames
 * (PEP 427/625), and the PEP 740 filename comparison.
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
 *   <li>Stricter than packaging, on purpose: names must be ASCII PEP 508 names (packaging accepts {@code foo_bár}
 *       in a wheel name); tags must be ASCII; filenames with path separators, {@code ..}, whitespace, control or
 *       invisible characters, or over 1000 characters are rejected; a compressed tag set may expand to at most
 *       1024 tags.
 * </ul>
 */
package dev.pylocktrust.python;
