package io.graknmigrate.format;

import java.util.Locale;

/**
 * The project's one number format, for every summary, report and message: counts with thousands
 * separated by commas and the noun singular for exactly one ({@code 1 relation}, {@code 2,748
 * attributes}); sizes in binary units with one decimal; seconds with two; rates as whole numbers.
 * Locale-independent, so output does not change with the user's settings.
 */
public final class Numbers {

    private Numbers() { }

    /** {@code 1,234,567}. */
    public static String count(long n) { return String.format(Locale.ROOT, "%,d", n); }

    /** {@code 1 relation}, {@code 0 relations}, {@code 2,748 relations}. */
    public static String count(long n, String one, String many) { return count(n) + " " + (n == 1 ? one : many); }

    /** {@code 512 bytes}, {@code 1.5 KiB}, {@code 12.3 MiB}, {@code 1.25 GiB}; {@code ? bytes} when unknown (negative). */
    public static String bytes(long n) {
        if (n < 0) return "? bytes";
        if (n < 1024) return count(n, "byte", "bytes");
        if (n < 1024 * 1024) return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
        if (n < 1024L * 1024 * 1024) return String.format(Locale.ROOT, "%,.1f MiB", n / 1048576.0);
        return String.format(Locale.ROOT, "%,.2f GiB", n / 1073741824.0);
    }

    /** {@code 3.14 s}. */
    public static String seconds(double s) { return String.format(Locale.ROOT, "%,.2f s", s); }

    /** {@code 93,214 things/s}, or the empty string when no time passed (no rate to show). */
    public static String rate(long things, double seconds) {
        return seconds <= 0 ? "" : String.format(Locale.ROOT, "%,.0f things/s", things / seconds);
    }
}
