package dev.pylocktrust.testkit.python;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A long-lived helper process that answers one JSON line on stdout for each JSON line it reads on stdin, so tests
 * pay for starting Python and importing a library once, not per question. Closing stdin ends it.
 */
public final class JsonLinesProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final Process process;
    private final BufferedWriter in;
    private final BufferedReader out;

    /** Starts {@code pb} (its stdin and stdout are taken over; stderr is the caller's choice). */
    public JsonLinesProcess(String name, ProcessBuilder pb) throws IOException {
        this.name = name;
        this.process = pb.start();
        this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Sends {@code request} as one JSON line and reads the answer line. */
    public JsonNode ask(Object request) throws IOException {
        in.write(JSON.writeValueAsString(request));
        in.newLine();
        in.flush();
        String line = out.readLine();
        if (line == null) {
            throw new IOException("the " + name + " process ended");
        }
        return JSON.readTree(line);
    }

    @Override
    public void close() throws IOException {
        in.close();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
