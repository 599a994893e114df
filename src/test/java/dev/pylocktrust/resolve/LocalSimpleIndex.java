package dev.pylocktrust.resolve;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A loopback PEP 503 index serving generated graphs as real wheels with PEP 658 metadata, for pip. Swap in the
 * graph to serve with {@link #serve}.
 */
final class LocalSimpleIndex implements AutoCloseable {
    private final HttpServer server;
    private volatile Map<String, byte[]> paths = Map.of();

    LocalSimpleIndex() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", exchange -> {
            byte[] body = paths.get(exchange.getRequestURI().getPath());
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                String path = exchange.getRequestURI().getPath();
                exchange.getResponseHeaders().add("Content-Type", path.endsWith("/") ? "text/html" : path.endsWith(
                        ".whl") ? "application/octet-stream" : "text/plain");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(body);
                }
            }
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/simple/";
    }

    void serve(GraphGenerator.Graph graph) {
        Map<String, StringBuilder> pages = new LinkedHashMap<>();
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (GraphGenerator.Release r : graph.releases()) {
            String file = r.name() + "-" + r.version() + "-py3-none-any.whl";
            byte[] metadata = metadata(r);
            byte[] wheel = wheel(r, metadata);
            out.put("/files/" + file, wheel);
            out.put("/files/" + file + ".metadata", metadata);
            StringBuilder page = pages.computeIfAbsent(r.name(), n -> new StringBuilder(
                    "<!DOCTYPE html><html><body>\n"));
            page.append("<a href=\"/files/").append(file).append("#sha256=").append(sha256(wheel)).append('"');
            if (r.requiresPython() != null) {
                page.append(" data-requires-python=\"").append(escape(r.requiresPython())).append('"');
            }
            if (r.yanked() != null) {
                page.append(" data-yanked=\"").append(escape(r.yanked())).append('"');
            }
            page.append(" data-dist-info-metadata=\"sha256=").append(sha256(metadata)).append("\">").append(file)
                    .append("</a><br/>\n");
        }
        pages.forEach((name, page) -> out.put("/simple/" + name + "/", (page + "</body></html>\n")
                .getBytes(StandardCharsets.UTF_8)));
        paths = Map.copyOf(out);
    }

    static byte[] metadata(GraphGenerator.Release r) {
        StringBuilder sb = new StringBuilder("Metadata-Version: 2.1\nName: ").append(r.name()).append("\nVersion: ")
                .append(r.version()).append('\n');
        if (r.requiresPython() != null) {
            sb.append("Requires-Python: ").append(r.requiresPython()).append('\n');
        }
        r.extras().keySet().forEach(e -> sb.append("Provides-Extra: ").append(e).append('\n'));
        r.requiresDist().forEach(d -> sb.append("Requires-Dist: ").append(d).append('\n'));
        return sb.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] wheel(GraphGenerator.Release r, byte[] metadata) {
        String distInfo = r.name() + "-" + r.version() + ".dist-info/";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : List.of(Map.entry(distInfo + "METADATA", metadata),
                    Map.entry(distInfo + "WHEEL", ("Wheel-Version: 1.0\nGenerator: pylock-trust-test\n"
                            + "Root-Is-Purelib: true\nTag: py3-none-any\n").getBytes(StandardCharsets.UTF_8)),
                    Map.entry(distInfo + "RECORD", new byte[0]))) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
