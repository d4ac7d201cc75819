package io.graknmigrate.format;

import com.google.protobuf.InvalidProtocolBufferException;
import io.graknmigrate.format.GraknFormatException.Lookalike;
import io.graknmigrate.format.proto.Item;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Recognises inputs that are plainly something else than a {@code .grakn} item stream, so the user
 * hears "this is a zip archive" instead of "invalid protobuf at byte 0". A {@code .grakn} file has no
 * magic number, so text is only called text when its first item does not decode either.
 */
final class FileSniffer {

    private FileSniffer() { }

    /** What the first {@code n} bytes look like, or null when they may well start a .grakn file. */
    static Lookalike describe(byte[] b, int n) {
        if (startsWith(b, n, "SQLite format 3\0")) return Lookalike.SQLITE_DATABASE;
        if (startsWith(b, n, "PK\3\4") || startsWith(b, n, "PK\5\6")) return Lookalike.ZIP;
        if (startsWith(b, n, "%PDF")) return Lookalike.PDF;
        if (n >= 4 && (b[0] & 0xff) == 0x89 && startsWith(b, 1, n, "PNG")) return Lookalike.PNG;
        if (n >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) return Lookalike.JPEG;
        if (startsWith(b, n, "BZh")) return Lookalike.BZIP2;
        if (n >= 6 && (b[0] & 0xff) == 0xfd && startsWith(b, 1, n, "7zXZ")) return Lookalike.XZ;
        if (startsWith(b, n, "7z\u00bc\u00af")) return Lookalike.SEVEN_ZIP;
        if (n >= 4 && b[0] == 0x7f && startsWith(b, 1, n, "ELF")) return Lookalike.EXECUTABLE;
        if (n > 262 && startsWith(b, 257, n, "ustar")) return Lookalike.TAR;
        if (allZero(b, n)) {
            // A .grakn file never starts with an empty item; zeroed space is what a crash or a failed copy leaves.
            return Lookalike.ZEROS;
        }
        if (isText(b, n) && !firstItemDecodes(b, n)) {
            int i = 0;
            while (i < n && Character.isWhitespace(b[i])) i++;
            if (i < n && (b[i] == '{' || b[i] == '[')) return Lookalike.JSON;
            String head = new String(b, i, Math.min(n - i, 16), StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
            if (head.startsWith("define") || head.startsWith("undefine") || head.startsWith("match") || head.startsWith("insert") || head.startsWith("#")) {
                return Lookalike.GRAQL;
            }
            if (head.startsWith("<")) return Lookalike.MARKUP;
            return Lookalike.TEXT;
        }
        return null;
    }

    private static boolean allZero(byte[] b, int n) {
        int m = Math.min(n, 16);
        if (m < 2) return false;
        for (int i = 0; i < m; i++) if (b[i] != 0) return false;
        return true;
    }

    private static boolean isText(byte[] b, int n) {
        int m = Math.min(n, 64);
        if (m < 2) return false;
        for (int i = 0; i < m; i++) {
            int c = b[i] & 0xff;
            if (!(c >= 0x20 && c < 0x7f || c == '\t' || c == '\n' || c == '\r')) return false;
        }
        return true;
    }

    private static boolean firstItemDecodes(byte[] b, int n) {
        long len = 0;
        int shift = 0;
        int p = 0;
        while (true) {
            if (p >= n || shift > 28) return false;
            byte x = b[p++];
            len |= (long) (x & 0x7f) << shift;
            if (x >= 0) break;
            shift += 7;
        }
        if (p + len > n) return false;
        try {
            Item item = Item.parseFrom(ByteBuffer.wrap(b, p, (int) len));
            return item.getItemCase() != Item.ItemCase.ITEM_NOT_SET;
        } catch (InvalidProtocolBufferException e) {
            return false;
        }
    }

    private static boolean startsWith(byte[] b, int n, String magic) {
        return startsWith(b, 0, n, magic);
    }

    private static boolean startsWith(byte[] b, int at, int n, String magic) {
        if (n < at + magic.length()) return false;
        for (int i = 0; i < magic.length(); i++) {
            if ((b[at + i] & 0xff) != (magic.charAt(i) & 0xff)) return false;
        }
        return true;
    }
}
