package dev.pylocktrust.attest;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Builds every seed's mutants, runs them through a {@link MutantJudge} on a few threads and tallies the verdicts
 * against each mutant's {@link Mutant.Expectation}. The budget is a total: the systematic and pairing mutants come
 * first, and seeded random edits of the large fields fill the rest (at least {@link #MIN_RANDOM_PER_SEED} a seed).
 */
final class MutationCampaign {
    static final int MIN_RANDOM_PER_SEED = 100;
    private static final int MAX_FAILURES_KEPT = 100;
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private final List<MutationSeed> seeds;
    private final MutantJudge judge;
    private final long randomSeed;

    MutationCampaign(List<MutationSeed> seeds, MutantJudge judge, long randomSeed) {
        this.seeds = List.copyOf(seeds);
        this.judge = judge;
        this.randomSeed = randomSeed;
    }

    /** A mutant whose verdict broke its expectation, or crashed the production path. */
    record Failure(String mutationClass, String description, Mutant.Expectation expectation, String problem) {
        @Override
        public String toString() {
            return "[" + mutationClass + "] " + description + "\n    expected " + expectation + "; " + problem;
        }
    }

    /** The counts of one mutation class. */
    static final class Row {
        long tried;
        long rejected;
        long identical;
        long equivalent;
        long failed;
        long cpuNanos;

        void add(Row o) {
            tried += o.tried;
            rejected += o.rejected;
            identical += o.identical;
            equivalent += o.equivalent;
            failed += o.failed;
            cpuNanos += o.cpuNanos;
        }
    }

    /** The tally of a run. */
    static final class Tally {
        final Map<String, Row> rows = new TreeMap<>();
        final Map<String, Long> reasons = new TreeMap<>();
        final List<Failure> failures = new ArrayList<>();
        /** The first accepted mutants of each class that need not be neutral: what "equivalent" meant there. */
        final Map<String, List<String>> accepted = new TreeMap<>();
        /** The first message of each rejection reason. */
        final Map<String, String> reasonExamples = new TreeMap<>();
        long failureCount;

        long tried() {
            return rows.values().stream().mapToLong(r -> r.tried).sum();
        }

        void add(Tally o) {
            o.rows.forEach((k, v) -> rows.computeIfAbsent(k, x -> new Row()).add(v));
            o.reasons.forEach((k, v) -> reasons.merge(k, v, Long::sum));
            o.accepted.forEach((k, v) -> v.forEach(d -> example(k, d)));
            o.reasonExamples.forEach(reasonExamples::putIfAbsent);
            o.failures.stream().limit(Math.max(0, MAX_FAILURES_KEPT - failures.size())).forEach(failures::add);
            failureCount += o.failureCount;
        }

        private void fail(Row row, Mutant m, String problem) {
            row.failed++;
            failureCount++;
            if (failures.size() < MAX_FAILURES_KEPT) {
                failures.add(new Failure(m.mutationClass(), m.description(), m.expectation(), problem));
            }
        }

        private void example(String mutationClass, String description) {
            List<String> examples = accepted.computeIfAbsent(mutationClass, k -> new ArrayList<>());
            if (examples.size() < 2) {
                examples.add(description);
            }
        }

        /** The report: one row per mutation class, then the rejection reasons. */
        String report(String title, Duration elapsed, int threads) {
            StringBuilder sb = new StringBuilder();
            Row total = new Row();
            rows.values().forEach(total::add);
            sb.append(String.format(Locale.ROOT, "%s: %,d mutants in %.1f s (%.1f s CPU) on %d threads%n", title,
                    total.tried, elapsed.toMillis() / 1000.0, total.cpuNanos / 1e9, threads));
            String format = "%-52s %9s %9s %9s %10s %7s %9s%n";
            sb.append(String.format(Locale.ROOT, format, "mutation class", "tried", "rejected", "identical",
                    "equivalent", "failed", "CPU ms"));
            rows.forEach((name, r) -> sb.append(String.format(Locale.ROOT, format, name, n(r.tried), n(r.rejected),
                    n(r.identical), n(r.equivalent), n(r.failed), n(r.cpuNanos / 1_000_000))));
            sb.append(String.format(Locale.ROOT, format, "total", n(total.tried), n(total.rejected), n(total.identical),
                    n(total.equivalent), n(total.failed), n(total.cpuNanos / 1_000_000)));
            sb.append("rejected by reason (first message):\n");
            reasons.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %-26s %9s  %s%n", k, n(v),
                    clip(reasonExamples.get(k)))));
            sb.append("accepted mutants of classes that need not be neutral (first ones):\n");
            accepted.forEach((k, v) -> v.forEach(d -> sb.append("  [").append(k).append("] ").append(clip(d))
                    .append('\n')));
            return sb.toString();
        }

        private static String clip(String s) {
            return s.length() > 220 ? s.substring(0, 220) + "..." : s;
        }

        private static String n(long v) {
            return String.format(Locale.ROOT, "%,d", v);
        }
    }

    /**
     * Runs about {@code budget} mutants (never fewer than the systematic ones) on {@code threads} threads.
     *
     * @throws IllegalStateException if a seed itself does not verify (the suite would prove nothing)
     */
    Tally run(int budget, int threads) {
        List<SeedDocument> docs = seeds.stream().map(SeedDocument::new).toList();
        List<Proof> originals = new ArrayList<>();
        for (MutationSeed seed : seeds) {
            MutantJudge.Verdict v = judge.judge(seed.mode(), seed.document(), seed.distribution(), seed.root(),
                    seed.now());
            if (!(v instanceof MutantJudge.Verdict.Accepted accepted)) {
                throw new IllegalStateException("the seed " + seed.name() + " does not verify: " + v);
            }
            originals.add(accepted.proof());
        }
        Set<String> covered = new HashSet<>();
        List<SeedMutations> generators = new ArrayList<>();
        List<List<Mutant>> fixed = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            SeedMutations generator = new SeedMutations(docs.get(i), randomSeed * 31 + i, covered);
            List<Mutant> mutants = new ArrayList<>(generator.systematic());
            mutants.addAll(new PairingMutations(docs.get(i), docs).build());
            generators.add(generator);
            fixed.add(mutants);
        }
        long systematic = fixed.stream().mapToLong(List::size).sum();
        int randomPerSeed = (int) Math.max(MIN_RANDOM_PER_SEED, (budget - systematic + docs.size() - 1) / docs.size());

        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Tally>> futures = new ArrayList<>();
            for (int i = 0; i < docs.size(); i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    Tally tally = new Tally();
                    List<Mutant> mutants = new ArrayList<>(fixed.get(index));
                    mutants.addAll(generators.get(index).random(randomPerSeed));
                    for (Mutant m : mutants) {
                        judge(m, seeds.get(index), originals.get(index), tally);
                    }
                    return tally;
                }));
            }
            Tally total = new Tally();
            for (Future<Tally> f : futures) {
                total.add(f.get());
            }
            return total;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a mutant could not be built: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private void judge(Mutant m, MutationSeed seed, Proof original, Tally tally) {
        Row row = tally.rows.computeIfAbsent(m.mutationClass(), k -> new Row());
        row.tried++;
        long cpu = CPU.getCurrentThreadCpuTime();
        MutantJudge.Verdict verdict = judge.judge(seed.mode(), m.document().get(), m.distribution(), m.root(),
                seed.now());
        row.cpuNanos += CPU.getCurrentThreadCpuTime() - cpu;
        if (verdict instanceof MutantJudge.Verdict.Crashed c) {
            tally.fail(row, m, "crashed: " + c.detail());
        } else if (verdict instanceof MutantJudge.Verdict.Rejected r) {
            if (m.expectation() == Mutant.Expectation.NEUTRAL) {
                tally.fail(row, m, "rejected a neutral mutant: " + r.reason() + ": " + r.message());
            } else {
                row.rejected++;
                tally.reasons.merge(r.reason(), 1L, Long::sum);
                tally.reasonExamples.putIfAbsent(r.reason(), r.message());
            }
        } else {
            Proof proof = ((MutantJudge.Verdict.Accepted) verdict).proof();
            boolean identical = proof.equals(original);
            if (!proof.provesNoMoreThan(original)) {
                tally.fail(row, m, "ACCEPTED, proving more than the seed: " + proof + "\n    seed proves " + original);
            } else if (m.expectation() == Mutant.Expectation.REJECTED) {
                tally.fail(row, m, "ACCEPTED (" + (identical ? "identical result" : "equivalent result: " + proof)
                        + ") although the mutation changes checked bytes");
            } else if (!identical && m.expectation() != Mutant.Expectation.REJECTED_OR_EQUIVALENT) {
                tally.fail(row, m, "accepted with another result: " + proof + "\n    seed proves " + original);
            } else {
                if (identical) {
                    row.identical++;
                } else {
                    row.equivalent++;
                }
                if (m.expectation() != Mutant.Expectation.NEUTRAL) {
                    tally.example(m.mutationClass(), m.description() + (identical ? " (identical)" : " (equivalent)"));
                }
            }
        }
    }
}
