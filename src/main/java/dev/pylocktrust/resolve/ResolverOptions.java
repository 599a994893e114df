package dev.pylocktrust.resolve;

/**
 * How the resolver chooses.
 *
 * @param prereleases allow pre-releases everywhere ({@code --pre}); otherwise a pre-release is chosen only when a
 *     requirement names one ({@code >=2.0b1}) or when no final release matches the requirements on that package
 * @param maxSteps a bound on decisions plus conflicts, after which resolution gives up with an explanation rather
 *     than searching forever (the problem is NP-hard; real dependency sets need a few thousand at most)
 */
public record ResolverOptions(boolean prereleases, int maxSteps) {

    public static final ResolverOptions DEFAULT = new ResolverOptions(false, 100_000);

    public ResolverOptions {
        if (maxSteps < 1) {
            throw new IllegalArgumentException("maxSteps must be positive: " + maxSteps);
        }
    }

    public ResolverOptions withPrereleases(boolean allow) {
        return new ResolverOptions(allow, maxSteps);
    }
}
