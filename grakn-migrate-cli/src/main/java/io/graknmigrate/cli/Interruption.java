package io.graknmigrate.cli;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (SIGINT) and SIGTERM while a command runs. The JVM would stop at once, leaving a half
 * written temporary file behind and saying nothing; instead a shutdown hook interrupts the
 * command's thread, waits for it to wind down through its own clean-up (a writer not completed
 * deletes its temporary file, an import's transaction rolls back), prints the command's one line
 * and ends the process with exit code 130. A command that finished anyway keeps its own outcome.
 */
final class Interruption {

    /** The exit code of an interrupted command, as shells report Ctrl-C (128 + SIGINT). */
    static final int EXIT_CODE = 130;
    private static final long GRACE_SECONDS = 20;

    private final Thread worker;
    private final PrintStream err;
    private final String line;
    private final Thread hook;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean requested;
    private volatile int code = EXIT_CODE;
    private volatile boolean succeeded;

    private Interruption(Thread worker, PrintStream err, String line) {
        this.worker = worker;
        this.err = err;
        this.line = line;
        this.hook = new Thread(this::stop, "grakn-migrate-interrupt");
    }

    /** Watches for a signal while {@code worker} runs a command; {@link #finish} when it is done. */
    static Interruption install(Thread worker, PrintStream err, String line) {
        Interruption i = new Interruption(worker, err, line);
        try {
            Runtime.getRuntime().addShutdownHook(i.hook);
        } catch (IllegalStateException alreadyStopping) {
            i.requested = true;
        }
        return i;
    }

    /** Whether a signal asked the command to stop: its failure is then the interruption, not an error. */
    boolean requested() {
        return requested;
    }

    /**
     * Reports the command's outcome ({@code completed}: it returned rather than failed). Returns normally when no signal came; otherwise the hook ends the
     * process and this never returns (exiting from here would wait for the hook forever).
     */
    void finish(int exitCode, boolean completed) {
        code = exitCode;
        succeeded = completed;
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
            if (!requested) return;
        } catch (IllegalStateException shuttingDown) {
            // the hook is running and halts the process once it has seen this outcome
        }
        while (true) {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException ignored) {
                // wait for the hook's halt
            }
        }
    }

    private void stop() {
        requested = true;
        worker.interrupt();
        boolean wound = false;
        try {
            wound = finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException ignored) {
            // halting anyway
        }
        if (wound && succeeded) {
            err.flush();
            Runtime.getRuntime().halt(code); // it completed before it saw the signal: its result stands
        }
        err.println(line);
        err.flush();
        Runtime.getRuntime().halt(EXIT_CODE);
    }
}
