package io.graknmigrate.server;

import java.io.IOException;

/** The server cannot listen on the address it was given (in use, not local, not permitted). */
public final class ListenException extends IOException {
    private final String bind;
    private final int port;

    ListenException(String bind, int port, IOException cause) {
        super("cannot listen on " + bind + ":" + port + " (" + cause.getMessage() + ")", cause);
        this.bind = bind;
        this.port = port;
    }

    /** The address the server was asked to bind. */
    public String bind() { return bind; }

    /** The port the server was asked to listen on. */
    public int port() { return port; }
}
