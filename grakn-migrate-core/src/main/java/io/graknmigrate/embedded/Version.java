package io.graknmigrate.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * This tool's version, as Maven filtered it into {@code version.properties} next to this class: the one
 * place it is read, for {@code grakn-migrate version} and for what export headers say wrote a file.
 */
public final class Version {
    private Version() { }

    /** The version, e.g. {@code 0.1.0}, or {@code unknown} when run from unfiltered classes. */
    public static String get() {
        return property("version");
    }

    /**
     * The commit the classes were built from ({@code git describe}, with {@code -dirty} for a checkout
     * with uncommitted changes), or {@code unknown} when built outside a git checkout.
     */
    public static String commit() {
        return property("commit");
    }

    private static String property(String name) {
        Properties p = new Properties();
        try (InputStream s = Version.class.getResourceAsStream("version.properties")) {
            if (s != null) p.load(s);
        } catch (IOException e) {
            return "unknown";
        }
        String v = p.getProperty(name, "unknown");
        return v.isBlank() || v.startsWith("${") ? "unknown" : v;
    }

    /** The name and version export headers carry, e.g. {@code grakn-migrate 0.1.0}. */
    public static String tool() {
        return "grakn-migrate " + get();
    }
}
