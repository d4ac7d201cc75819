package io.graknmigrate.format;

/**
 * Progress of a pass over a file, in bytes of the underlying input. The same shape as the core
 * module's {@code ProgressListener}, which this module cannot depend on; callers adapt one to the other.
 */
public interface ScanProgress {

    ScanProgress NONE = new ScanProgress() {
        @Override public void start(String task, long totalBytes) { }
        @Override public void update(long bytes) { }
        @Override public void finish() { }
    };

    /** A pass begins; {@code totalBytes} is -1 when the size is unknown. */
    void start(String task, long totalBytes);

    void update(long bytes);

    void finish();
}
