package dev.pylocktrust.index;

import java.util.function.Supplier;

/** Creates the okhttp transport on first use (a mirror directory run may never need it) and closes it once. */
final class HttpTransportHolder implements Supplier<HttpTransport>, AutoCloseable {
    private final IndexConfig config;
    private final UrlPolicy policy;
    private final Credentials credentials;
    private final Counters counters;
    private final String version;
    private HttpTransport transport;
    private boolean closed;

    HttpTransportHolder(IndexConfig config, UrlPolicy policy, Credentials credentials, Counters counters,
            String version) {
        this.config = config;
        this.policy = policy;
        this.credentials = credentials;
        this.counters = counters;
        this.version = version;
        if (config.caCertificates().isPresent()) {
            // Fail at open, not at the first request, when the CA bundle is unusable.
            TlsTrust.fromPem(config.caCertificates().get());
        }
        // Likewise for a malformed proxy variable (the constructor throws IllegalArgumentException).
        new EnvProxySelector(config.environment());
    }

    @Override
    public synchronized HttpTransport get() {
        if (closed) {
            throw new IllegalStateException("the index client is closed");
        }
        if (transport == null) {
            transport = new HttpTransport(config, policy, credentials, counters, version);
        }
        return transport;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (transport != null) {
            transport.close();
        }
    }
}
