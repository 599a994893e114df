/**
 * Dependency resolution: turning loose requirements into one pinned version per package for each target
 * environment, and merging those into what one {@code pylock.toml} records.
 *
 * <p>Entry points: {@link dev.pylocktrust.resolve.Resolver} ({@code resolve(request, target)} for one environment,
 * {@code resolve(request, targets)} for a merged {@link dev.pylocktrust.resolve.MergedResolution}), fed by a
 * {@link dev.pylocktrust.resolve.ResolutionRequest} (top-level {@link dev.pylocktrust.resolve.RootRequirement}s,
 * e.g. from {@link dev.pylocktrust.resolve.Pyproject}; constraints; the versions of an existing lock and an
 * {@link dev.pylocktrust.resolve.UpgradePolicy}) and a {@link dev.pylocktrust.resolve.PackageSource}
 * ({@link dev.pylocktrust.resolve.IndexPackageSource} over the index client, wrapped in a
 * {@link dev.pylocktrust.resolve.CachingPackageSource}). Failures are
 * {@link dev.pylocktrust.resolve.ResolutionException}s whose message is the derivation chain.
 *
 * <p>How it works: PubGrub ({@code PubGrubSolver}) over version sets that are exact by construction: each
 * package's listed versions are indexed, and a term is a bit set over those versions plus "not selected"
 * ({@code VersionSet}), so membership is always decided by {@code SpecifierSet.matches}, never by range
 * arithmetic. The Python rules live in {@code TargetProvider} (target, extras, markers, Requires-Python, locked
 * versions) and {@code ReleasePolicy} (pre-releases, yanked releases).
 *
 * <p>Traps, each pinned by a test:
 * <ul>
 *   <li>PEP 440 version order is irregular ({@code >1.0} excludes {@code 1.0.post1}, {@code <2.0} excludes
 *       {@code 2.0a1}, {@code ==1.0} matches {@code 1.0+local}): no range arithmetic, only per-version matching.
 *   <li>Pre-release and yanked rules decided "on the requirements in force" (pip's way) make facts learned during
 *       the search depend on the path, so a CDCL solver could miss solutions. Here they are decided per requirement
 *       (the PEPs' own wording): a requirement admits pre-releases if it names one, if only pre-releases satisfy
 *       it, if the package has no final release, if the user named a pre-release of that package, or with
 *       {@code --pre}; it admits a yanked release only if it, or the user, pins it with {@code ==}/{@code ===}.
 *   <li>An extra is its own package ({@code pkg[x]} at version v depends on {@code pkg==v}), so extras share the
 *       base's version and self-references ({@code pkg[dev]} needing {@code pkg[test]}) just work.
 *   <li>A requirement matching no listed version yields a term that is always true; full terms are dropped from
 *       derived incompatibilities and never taken as satisfiers, or the search would loop.
 *   <li>Core metadata of an sdist is trusted only from Metadata-Version 2.2 with Requires-Dist, Requires-Python and
 *       Provides-Extra not dynamic (PEP 643); anything else would need a build, which pylock-trust never runs.
 *   <li>Archives from the index are hostile: ZIP offsets, sizes and CRCs are checked, inflation and tar scanning
 *       are capped, and a whole file read is checked against the page's sha256.
 *   <li>Markers cannot tell manylinux from musllinux, nor 3.13 from 3.13t: such targets must resolve alike to share
 *       one lock.
 * </ul>
 */
package dev.pylocktrust.resolve;
