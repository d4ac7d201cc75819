package io.graknmigrate.format;

/**
 * Receives progress of a long job (a scan of a file, export, import, conversion). Every module reports
 * through this one interface so none depends on how, or whether, progress is shown; the command line
 * draws it as a bar. Implementations must be cheap: callers may report every few thousand items.
 */
public interface ProgressListener {

    /** Shows nothing. */
    ProgressListener NONE = new ProgressListener() {
        @Override public void start(String task, long total, String unit) { }
        @Override public void update(long current) { }
        @Override public void finish() { }
    };

    /**
     * A new phase begins.
     *
     * @param task  short name shown to the user ("import", "verify")
     * @param total expected total in {@code unit}s, or -1 when unknown
     * @param unit  what is counted ("items", "bytes", "things")
     */
    void start(String task, long total, String unit);

    /** Absolute progress within the current phase. */
    void update(long current);

    /** The current phase ended. */
    void finish();

    /**
     * This listener with every phase shown as {@code task}: for a job that runs another job's phase
     * as a step of its own (typedb3 reads a keyspace through the export, and shows "reading keyspace").
     */
    default ProgressListener named(String task) {
        ProgressListener target = this;
        return new ProgressListener() {
            @Override public void start(String ignored, long total, String unit) { target.start(task, total, unit); }
            @Override public void update(long current) { target.update(current); }
            @Override public void finish() { target.finish(); }
        };
    }
}
