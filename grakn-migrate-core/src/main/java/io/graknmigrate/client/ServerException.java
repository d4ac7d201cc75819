package io.graknmigrate.client;

import io.grpc.Status;

/**
 * A migration call that failed at the server or on the way to it. The message is one full
 * sentence naming the server's host:port and what went wrong, in terms of the connection and the
 * protocol; {@link #reason()} says which kind of failure it was, so a front end (the command line)
 * can add advice in its own terms, and {@link #code()} says which gRPC status ended the call.
 */
public final class ServerException extends RuntimeException {

    /** Which kind of failure, for advice the message cannot give (it does not know the caller's options). */
    public enum Reason {
        /** The trusted CA certificate file cannot be read. */
        TRUSTED_CA_UNREADABLE,
        /** The trusted CA certificate file is not a PEM certificate. */
        TRUSTED_CA_INVALID,
        /** The host name does not resolve. */
        UNKNOWN_HOST,
        /** The TCP connection was refused or has no route. */
        CANNOT_CONNECT,
        /** Nothing answered in gRPC within the connect timeout. */
        NO_ANSWER,
        /** The peer answered, but not in gRPC (or not in the TLS mode the client used). */
        NOT_GRPC,
        /** The TLS handshake failed. */
        TLS_FAILED,
        /** The call's deadline passed. */
        TIMEOUT,
        /** The server refused or failed a job on a file path it opens itself, on its own machine. */
        SERVER_FILE,
        /** Any other status the server answered with; see {@link #code()}. */
        SERVER_STATUS
    }

    private final Reason reason;
    private final Status.Code code;
    private final boolean tls;

    /**
     * @param reason  which kind of failure
     * @param code    the gRPC status that ended the call ({@code UNAVAILABLE} when no call was made)
     * @param tls     whether the client spoke TLS
     * @param message one line: what went wrong, naming the server
     * @param cause   the status exception or local failure, or null
     */
    public ServerException(Reason reason, Status.Code code, boolean tls, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.code = code;
        this.tls = tls;
    }

    /** A failure the server answered with, not further classified. */
    public ServerException(Status.Code code, String message, Throwable cause) {
        this(Reason.SERVER_STATUS, code, false, message, cause);
    }

    /** Which kind of failure this is. */
    public Reason reason() {
        return reason;
    }

    /** The gRPC status code that ended the call. */
    public Status.Code code() {
        return code;
    }

    /** Whether the client spoke TLS (a TLS mismatch looks like a server that does not speak gRPC). */
    public boolean tls() {
        return tls;
    }
}
