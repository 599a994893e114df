package dev.pylocktrust.cli;

import dev.pylocktrust.lock.AtomicFileWriter;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * Creates the commands that tell time, each with the one clock the process reads (picocli asks it for every command,
 * mixin and option group; what tells no time comes from picocli's default factory). No command reads the system
 * clock itself, so a test gives the whole command line a fixed time.
 */
final class CommandFactory implements CommandLine.IFactory {
    private final Map<Class<?>, Supplier<Object>> timed;

    CommandFactory(Clock clock) {
        Objects.requireNonNull(clock, "clock");
        timed = Map.of(
                LockCommand.class, () -> new LockCommand(clock, AtomicFileWriter.Ops.DEFAULT),
                VerifyCommand.class, () -> new VerifyCommand(clock),
                InspectCommand.class, () -> new InspectCommand(clock),
                TrustRootShowCommand.class, () -> new TrustRootShowCommand(clock),
                TrustRootUpdateCommand.class, () -> new TrustRootUpdateCommand(clock));
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
        Supplier<Object> make = timed.get(cls);
        return make != null ? cls.cast(make.get()) : CommandLine.defaultFactory().create(cls);
    }
}
