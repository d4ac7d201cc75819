package io.graknmigrate.format;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** The optional compression around a {@code .grakn} or {@code .jsonl} stream. */
public enum Compression {
    NONE(""), GZIP(".gz"), ZSTD(".zst");

    static final int BUFFER = 1 << 16;

    private final String suffix;

    Compression(String suffix) {
        this.suffix = suffix;
    }

    /** The file-name suffix that selects this compression ({@code ""}, {@code .gz}, {@code .zst}). */
    public String suffix() { return suffix; }

    /** The compression a file name asks for by its suffix. */
    public static Compression fromFileName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".gz") || lower.endsWith(".gzip")) return GZIP;
        if (lower.endsWith(".zst") || lower.endsWith(".zstd")) return ZSTD;
        return NONE;
    }

    /** The file name without a compression suffix ({@code a.grakn.gz} gives {@code a.grakn}). */
    public static String stripSuffix(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String s : new String[] {".gz", ".gzip", ".zst", ".zstd"}) {
            if (lower.endsWith(s)) return name.substring(0, name.length() - s.length());
        }
        return name;
    }

    /** The compression whose magic bytes start {@code head} (of which {@code n} bytes are valid). */
    static Compression detect(byte[] head, int n) {
        if (n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) return GZIP;
        if (n >= 4 && (head[0] & 0xff) == 0x28 && (head[1] & 0xff) == 0xb5
                && (head[2] & 0xff) == 0x2f && (head[3] & 0xff) == 0xfd) return ZSTD;
        return NONE;
    }

    InputStream decompress(InputStream in) throws IOException {
        return switch (this) {
            case NONE -> in;
            case GZIP -> new GZIPInputStream(in, BUFFER);
            case ZSTD -> new ZstdInputStream(in);
        };
    }

    /** Wraps {@code out} so that bytes written to the result are compressed into it. */
    public OutputStream compress(OutputStream out) throws IOException {
        return switch (this) {
            case NONE -> out;
            case GZIP -> new GZIPOutputStream(out, BUFFER);
            case ZSTD -> new ZstdOutputStream(out, 3);
        };
    }
}
