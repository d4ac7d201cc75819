package io.graknmigrate.cli;

import java.util.List;

/** "Did you mean ...?" for mistyped command and option names. */
final class Suggestions {

    private Suggestions() { }

    /**
     * The one known name closest to what was typed: the only one it is a prefix of, else the only
     * one within an edit distance of 2 (a third of the word for short ones); null when none or
     * several fit equally.
     */
    static String closest(String typed, List<String> known) {
        List<String> prefixed = known.stream().filter(k -> k.startsWith(typed) && typed.length() >= 2).toList();
        if (prefixed.size() == 1) return prefixed.get(0);
        int limit = Math.max(1, Math.min(2, typed.length() / 3));
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        boolean tie = false;
        for (String k : known) {
            int d = distance(typed, k);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
                tie = false;
            } else if (d == bestDistance) {
                tie = true;
            }
        }
        return bestDistance <= limit && !tie ? best : null;
    }

    /** Edit distance with transpositions (optimal string alignment): "imoprt" is one edit from "import". */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
