package io.graknmigrate.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Standard output whose failed writes are failures. A {@link PrintStream} swallows write errors, so a
 * backup written to {@code -} on a full disk or into a closed pipe would end in a success summary;
 * here the raw stream throws an unchecked {@link OutputFailedException}, which {@code PrintStream}
 * does not catch, so the command stops at the first byte that did not get out.
 */
final class StandardOutput extends OutputStream {

    private final OutputStream raw;

    private StandardOutput(OutputStream raw) {
        this.raw = raw;
    }

    /** The process's standard output, checked and buffered. */
    static PrintStream open() {
        return around(new FileOutputStream(FileDescriptor.out));
    }

    /** A checked, buffered print stream over {@code raw}. */
    static PrintStream around(OutputStream raw) {
        return new PrintStream(new BufferedOutputStream(new StandardOutput(raw), 1 << 16), false, StandardCharsets.UTF_8);
    }

    @Override
    public void write(int b) {
        try {
            raw.write(b);
        } catch (IOException e) {
            throw new OutputFailedException(e);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) {
        try {
            raw.write(b, off, len);
        } catch (IOException e) {
            throw new OutputFailedException(e);
        }
    }

    @Override
    public void flush() {
        try {
            raw.flush();
        } catch (IOException e) {
            throw new OutputFailedException(e);
        }
    }

    /** The checked form of {@link OutputFailedException}, with the same one-line message. */
    static final class WriteFailure extends IOException {
        WriteFailure(String message, IOException cause) {
            super(message, cause);
        }
    }

    /** Standard output could not be written: the output is incomplete and the command has failed. */
    static final class OutputFailedException extends UncheckedIOException {
        OutputFailedException(IOException cause) {
            this(describe(cause), cause);
        }

        OutputFailedException(String message) {
            this(message, null);
        }

        // Code that unwraps an UncheckedIOException to its cause still gets the whole sentence.
        private OutputFailedException(String message, IOException cause) {
            super(message, new WriteFailure(message, cause));
        }

        private static String describe(IOException e) {
            String reason = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
            if (reason.contains("broken pipe")) return "output closed early (broken pipe), the output is incomplete";
            if (reason.contains("no space")) {
                return FileArguments.STDOUT_NAME + ": cannot write, no space left on device; the output is incomplete, free some space or write elsewhere";
            }
            return FileArguments.STDOUT_NAME + ": cannot write (" + e.getMessage() + "); the output is incomplete";
        }
    }
}
