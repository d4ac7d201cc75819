package io.graknmigrate.client;

import io.grpc.Status;

/**
 * A migration call that failed at the server or on the way to it. The message is one full
 * sentence naming the server's host:port; {@link #code()} says which gRPC status ended the call.
 */
public final class ServerException extends RuntimeException {

    private final Status.Code code;

    public ServerException(Status.Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public Status.Code code() {
        return code;
    }
}
