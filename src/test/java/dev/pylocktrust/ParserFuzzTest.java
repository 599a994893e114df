package dev.pylocktrust;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * A Jazzer fuzz test of a parser of hostile input. In every build it runs on the empty input and on its committed
 * inputs, {@code src/test/resources/<package>/<Class>Inputs/<method>/} (seeds and every crash ever found); with
 * {@code JAZZER_FUZZ=1} it fuzzes for up to {@code maxDuration} (see {@code docs/testing.md}). An input must be
 * handled within {@value #SECONDS_PER_INPUT} seconds: the JUnit timeout here, libFuzzer's {@code -timeout} when
 * fuzzing. The test's property decides the rest: typically that only the parser's documented exception is thrown
 * and that what parses survives a print-and-parse round trip.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@FuzzTest(maxDuration = "10m")
@Timeout(value = ParserFuzzTest.SECONDS_PER_INPUT, unit = TimeUnit.SECONDS)
public @interface ParserFuzzTest {
    /** Generous: parsing any input of a few KiB takes milliseconds; this catches hangs and blow-ups. */
    long SECONDS_PER_INPUT = 10;
}
