package dev.pylocktrust;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Wall and CPU time of the phases of one run, for benchmarks: {@code -Dpylocktrust.phases=true} (through
 * {@code PYLOCK_TRUST_JAVA_OPTS}) turns it on, and the command prints one {@code phase} line per phase on stderr
 * at the end. Off (the default), {@link #mark} does nothing and nothing is printed. A phase ends at its
 * {@link #mark}; the first one ({@code start-up}) began when the JVM started. CPU is the whole process's (every
 * thread, the JIT compilers and the garbage collector included), so the phases add up to the run.
 */
public final class PhaseTimes {
    /** The system property that turns phase times on. */
    public static final String PROPERTY = "pylocktrust.phases";
    private static final PhaseTimes OFF = new PhaseTimes(false);

    /** One finished phase. */
    public record Phase(String name, double wallSeconds, double cpuSeconds) {}

    private final boolean on;
    private final List<Phase> phases = new ArrayList<>();
    private long lastWallMillis;
    private long lastCpuNanos;

    private PhaseTimes(boolean on) {
        this.on = on;
    }

    /** On if the system property {@value #PROPERTY} is {@code true}, else a no-op instance. */
    public static PhaseTimes fromSystemProperties() {
        return Boolean.getBoolean(PROPERTY) ? on() : OFF;
    }

    /** An instance that records. */
    public static PhaseTimes on() {
        return new PhaseTimes(true);
    }

    /** A no-op instance. */
    public static PhaseTimes off() {
        return OFF;
    }

    /** Ends the current phase, naming it. */
    public synchronized void mark(String name) {
        if (!on) {
            return;
        }
        long wall = System.currentTimeMillis();
        long cpu = processCpuNanos();
        if (phases.isEmpty() && lastWallMillis == 0) {
            lastWallMillis = ManagementFactory.getRuntimeMXBean().getStartTime();
        }
        phases.add(new Phase(name, (wall - lastWallMillis) / 1e3, (cpu - lastCpuNanos) / 1e9));
        lastWallMillis = wall;
        lastCpuNanos = cpu;
    }

    /** The phases so far. */
    public synchronized List<Phase> phases() {
        return List.copyOf(phases);
    }

    /** One line per phase ({@code phase NAME: wall 1.23 s, CPU 2.34 s}); empty when off. */
    public synchronized String render() {
        StringBuilder sb = new StringBuilder();
        for (Phase p : phases) {
            sb.append(String.format(Locale.ROOT, "phase %s: wall %.3f s, CPU %.3f s%n", p.name(), p.wallSeconds(),
                    p.cpuSeconds()));
        }
        return sb.toString();
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }
}
