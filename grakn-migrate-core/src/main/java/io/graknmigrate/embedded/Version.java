package io.graknmigrate.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** This tool's version, for export headers. */
final class Version {
    private Version() { }

    static String get() {
        Properties p = new Properties();
        try (InputStream s = Version.class.getResourceAsStream("/io/graknmigrate/store/version.properties")) {
            if (s != null) p.load(s);
        } catch (IOException e) {
            return "unknown";
        }
        String v = p.getProperty("version", "unknown");
        return v.startsWith("${") ? "unknown" : v;
    }
}
