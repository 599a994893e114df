package dev.pylocktrust.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an option that changes how one run works or reports (concurrency, caches, output, an approval given once),
 * not what a lock file contains. {@code lock}'s regenerate command ({@link RegenerateCommand}) leaves such options out;
 * it repeats every other option given.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
@interface OneOff {}
