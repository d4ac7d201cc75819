package io.graknmigrate.client;

/**
 * Where a migration service listens: a host and a port. Parsed from {@code HOST}, {@code HOST:PORT}
 * or {@code [IPV6]:PORT}; without a port, Grakn's default gRPC port 48555.
 */
public record ServerAddress(String host, int port) {

    /** Grakn 1.x's {@code grpc.port} default. */
    public static final int DEFAULT_PORT = 48555;

    public ServerAddress {
        if (host == null || host.isBlank()) throw new IllegalArgumentException("server address has no host name, give HOST or HOST:PORT");
        if (port < 1 || port > 65535) throw new IllegalArgumentException("server port " + port + " is out of range, give a port from 1 to 65535");
    }

    public static ServerAddress parse(String text) {
        String s = text == null ? "" : text.strip();
        String host = s;
        String port = null;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) throw bad(text);
            host = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) throw bad(text);
                port = rest.substring(1);
            }
        } else {
            int colon = s.indexOf(':');
            // More than one colon without brackets: a bare IPv6 address, no port.
            if (colon >= 0 && colon == s.lastIndexOf(':')) {
                host = s.substring(0, colon);
                port = s.substring(colon + 1);
            }
        }
        if (host.isBlank()) throw bad(text);
        if (port == null) return new ServerAddress(host, DEFAULT_PORT);
        try {
            return new ServerAddress(host, Integer.parseInt(port));
        } catch (NumberFormatException e) {
            throw bad(text);
        }
    }

    private static IllegalArgumentException bad(String text) {
        return new IllegalArgumentException("bad server address '" + text + "', give HOST or HOST:PORT (port 1-65535, default " + DEFAULT_PORT + ")");
    }

    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
