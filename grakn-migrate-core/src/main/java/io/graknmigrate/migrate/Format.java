package io.graknmigrate.migrate;

import java.util.Locale;

/** Numbers as summary lines show them. */
final class Format {
    private Format() { }

    static String count(long n) { return String.format(Locale.ROOT, "%,d", n); }

    static String bytes(long n) {
        if (n < 0) return "? bytes";
        if (n < 1024) return n + " bytes";
        if (n < 1024 * 1024) return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
        if (n < 1024L * 1024 * 1024) return String.format(Locale.ROOT, "%.1f MiB", n / 1048576.0);
        return String.format(Locale.ROOT, "%.2f GiB", n / 1073741824.0);
    }

    static String seconds(double s) { return String.format(Locale.ROOT, "%.2f s", s); }

    static String rate(long things, double seconds) {
        return seconds <= 0 ? "" : String.format(Locale.ROOT, ", %,.0f things/s", things / seconds);
    }
}
