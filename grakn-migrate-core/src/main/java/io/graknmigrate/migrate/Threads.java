package io.graknmigrate.migrate;

/** What the import's helper threads need of {@link Thread} beyond the JDK. */
public final class Threads {

    private Threads() { }

    /**
     * Waits for {@code thread} to end even when interrupted meanwhile: a helper thread must never be
     * left running after its owner has closed it. A swallowed interrupt is restored on return.
     */
    public static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }
}
