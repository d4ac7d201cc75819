package io.graknmigrate.migrate;

import java.util.Collection;
import java.util.Locale;

/** Finds the schema label a mistyped or renamed label most likely means. */
final class LabelDistance {

    private LabelDistance() { }

    /** The closest candidate when it is close enough to suggest, else null. */
    static String closest(String label, Collection<String> candidates) {
        String best = null;
        int bestScore = Integer.MAX_VALUE;
        String l = label.toLowerCase(Locale.ROOT);
        for (String c : candidates) {
            String cl = c.toLowerCase(Locale.ROOT);
            int d = distance(l, cl);
            int limit = Math.max(2, Math.min(l.length(), cl.length()) / 3);
            int score;
            if (d <= limit) score = d;
            else if (partOf(l, cl) || partOf(cl, l)) score = limit + 1 + Math.abs(l.length() - cl.length());
            else continue;
            if (score < bestScore || (score == bestScore && c.compareTo(best) < 0)) {
                bestScore = score;
                best = c;
            }
        }
        return best;
    }

    /** True when {@code part} is a whole word of {@code whole}, words split at '-' and '_' ("value" in "monetary-value"). */
    private static boolean partOf(String part, String whole) {
        if (part.length() < 3) return false;
        for (String w : whole.split("[-_]")) if (w.equals(part)) return true;
        return false;
    }

    static int distance(String a, String b) {
        if (a.length() > 200 || b.length() > 200) return Integer.MAX_VALUE / 2;
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
