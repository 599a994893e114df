package dev.pylocktrust.cli;

import dev.pylocktrust.testkit.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One {@link LockScenario} for every test class of a run that asks for it (a constructor or method parameter of that
 * type): minted and started once, closed when the run ends. A test that changes what the index serves serves
 * {@code index} again first ({@link PolicyRuns#of}).
 */
final class SharedLockScenario implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            SharedLockScenario.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LockScenario.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Started.class, k -> Started.start(), Started.class).scenario();
    }

    /** The scenario and the directory of its trusted root, both gone when the run ends. */
    private record Started(LockScenario scenario, Path dir) implements AutoCloseable {
        static Started start() {
            try {
                Path dir = Files.createTempDirectory("lock-scenario");
                return new Started(new LockScenario(dir), dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            scenario.close();
            FileTrees.delete(dir);
        }
    }
}
