package io.graknmigrate.cli;

import io.graknmigrate.format.ProgressListener;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;

/** A progress bar on a terminal's stderr, one bar per phase. Only built when stderr is a terminal. */
final class TerminalProgress implements ProgressListener {

    private final PrintStream err;
    private ProgressBar bar;

    TerminalProgress(PrintStream err) {
        this.err = err;
    }

    @Override
    public void start(String task, long total, String unit) {
        finish();
        ProgressBarBuilder builder = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .setSpeedUnit(java.time.temporal.ChronoUnit.SECONDS)
                .showSpeed()
                .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(err))
                .continuousUpdate()
                .setMaxRenderedLength(100)
                .hideEta();
        if ("bytes".equals(unit)) builder.setUnit(" MiB", 1L << 20);
        else builder.setUnit(" " + unit, 1);
        if (total < 0) builder.setInitialMax(-1);
        bar = builder.build();
    }

    @Override
    public void update(long current) {
        if (bar != null) bar.stepTo(current);
    }

    @Override
    public void finish() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
