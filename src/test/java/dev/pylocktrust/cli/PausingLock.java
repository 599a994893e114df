package dev.pylocktrust.cli;

import dev.pylocktrust.lock.AtomicFileWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine;

/**
 * A {@code pylock-trust} process that stops at one step of the lock file's atomic write and waits there to be
 * killed, so that a test can SIGKILL it at an exact point: {@code java -cp ... PausingLock STEP MARKER lock ...}.
 * Reaching {@code STEP} creates the file {@code MARKER}; the process then sleeps until killed. Steps, in order:
 * {@code before-write} (the temporary file exists, empty), {@code written} (the bytes are in it, not yet synced),
 * {@code synced} (flushed to the device, not yet renamed), {@code renamed} (the new lock file is in place).
 */
public final class PausingLock {
    private PausingLock() {}

    public static void main(String[] args) {
        String step = args[0];
        Path marker = Path.of(args[1]);
        AtomicFileWriter.Ops ops = new AtomicFileWriter.Ops() {
            @Override
            public void write(FileChannel channel, ByteBuffer bytes) throws IOException {
                pauseAt("before-write");
                AtomicFileWriter.Ops.DEFAULT.write(channel, bytes);
                pauseAt("written");
            }

            @Override
            public void force(FileChannel channel) throws IOException {
                AtomicFileWriter.Ops.DEFAULT.force(channel);
                pauseAt("synced");
            }

            @Override
            public void move(Path temp, Path target) throws IOException {
                AtomicFileWriter.Ops.DEFAULT.move(temp, target);
                pauseAt("renamed");
            }

            private void pauseAt(String here) throws IOException {
                if (here.equals(step)) {
                    Files.createFile(marker);
                    try {
                        Thread.sleep(Long.MAX_VALUE);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        CommandLine cl = PylockTrust.commandLine(new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                if (cls == LockCommand.class) {
                    return cls.cast(new LockCommand(Clock.systemUTC(), ops));
                }
                return new CommandFactory(Clock.systemUTC()).create(cls);
            }
        });
        String[] rest = new String[args.length - 2];
        System.arraycopy(args, 2, rest, 0, rest.length);
        System.exit(cl.execute(rest));
    }
}
