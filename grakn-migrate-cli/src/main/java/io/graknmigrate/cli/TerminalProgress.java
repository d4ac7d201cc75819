package io.graknmigrate.cli;

import io.graknmigrate.format.ProgressListener;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

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
                .setSpeedUnit(ChronoUnit.SECONDS)
                // One number format: thousands separated, bytes in MiB with one decimal.
                .showSpeed(new DecimalFormat("bytes".equals(unit) ? "#,##0.0" : "#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT)))
                .setConsumer(new ConsoleProgressBarConsumer(err))
                .continuousUpdate()
                .setMaxRenderedLength(100);
        if ("bytes".equals(unit)) builder.setUnit(" MiB", 1L << 20);
        else if (!unit.isEmpty()) builder.setUnit(" " + unit, 1);
        // Without a total the bar is a spinner that keeps moving (a phase such as committing); with one, an ETA.
        if (total < 0) builder.setInitialMax(-1).hideEta();
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
