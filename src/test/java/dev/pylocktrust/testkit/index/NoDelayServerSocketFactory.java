package dev.pylocktrust.testkit.index;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import javax.net.ServerSocketFactory;

/**
 * MockWebServer writes a response's headers and body separately; with Nagle's algorithm on the accepted socket,
 * the second write waits for the client's delayed ACK (about 40 ms on Linux loopback) and every request looks 40 ms
 * slower than it is. Real servers disable Nagle; so does the test index server.
 */
final class NoDelayServerSocketFactory extends ServerSocketFactory {
    @Override
    public ServerSocket createServerSocket() throws IOException {
        return new ServerSocket() {
            @Override
            public Socket accept() throws IOException {
                Socket s = super.accept();
                s.setTcpNoDelay(true);
                return s;
            }
        };
    }

    @Override
    public ServerSocket createServerSocket(int port) {
        throw new UnsupportedOperationException("MockWebServer binds an unbound socket");
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) {
        throw new UnsupportedOperationException("MockWebServer binds an unbound socket");
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress address) {
        throw new UnsupportedOperationException("MockWebServer binds an unbound socket");
    }
}
