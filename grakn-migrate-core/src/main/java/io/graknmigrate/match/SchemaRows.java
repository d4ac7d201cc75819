package io.graknmigrate.match;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The schema facts a pattern about types ranges over ({@code $t sub T}, {@code $t plays R}, …), as
 * constant tables of the query: {@code mt_type}, {@code mt_sub}, {@code mt_plays}, {@code mt_relates},
 * {@code mt_owns}, written from the schema the engine was made with (the store's own schema tables
 * hold declarations only, not what is inherited).
 */
final class SchemaRows {

    private SchemaRows() { }

    /** The schema tables the query uses, as common table expressions of constant rows. */
    static String withClause(TypeCatalog catalog, Set<String> ctesUsed) {
        if (ctesUsed.isEmpty()) return "";
        StringJoiner with = new StringJoiner(", ", "WITH ", " ");
        for (String cte : ctesUsed) {
            List<String> rows = new ArrayList<>();
            String columns;
            switch (cte) {
                case "mt_type" -> {
                    columns = "id, label, abstract";
                    for (String l : catalog.allTypeLabels()) {
                        Integer id = catalog.typeId(l);
                        rows.add("(" + (id == null ? "NULL" : id) + ", " + quote(l) + ", " + (catalog.isAbstract(l) ? 1 : 0) + ")");
                    }
                }
                case "mt_sub" -> {
                    columns = "sub_id, sub, sup, direct";
                    for (String l : catalog.allTypeLabels()) {
                        Integer id = catalog.typeId(l);
                        String sup = l;
                        Set<String> seen = new LinkedHashSet<>();
                        while (sup != null && seen.add(sup)) {
                            int direct = sup.equals(catalog.supertypeOf(l)) ? 1 : 0;
                            rows.add("(" + (id == null ? "NULL" : id) + ", " + quote(l) + ", " + quote(sup) + ", " + direct + ")");
                            sup = catalog.supertypeOf(sup);
                        }
                    }
                }
                case "mt_plays" -> {
                    columns = "type, role";
                    for (String l : catalog.allTypeLabels()) for (String r : catalog.plays(l)) rows.add("(" + quote(l) + ", " + quote(r) + ")");
                }
                case "mt_relates" -> {
                    columns = "type, role";
                    for (String l : catalog.allTypeLabels()) for (String r : catalog.relates(l)) rows.add("(" + quote(l) + ", " + quote(r) + ")");
                }
                case "mt_owns" -> {
                    columns = "type, attribute, is_key";
                    for (String l : catalog.allTypeLabels()) {
                        catalog.owns(l).forEach((a, key) -> rows.add("(" + quote(l) + ", " + quote(a) + ", " + (key ? 1 : 0) + ")"));
                    }
                }
                default -> throw new IllegalStateException(cte);
            }
            int arity = columns.split(",").length;
            String body = rows.isEmpty()
                    ? "SELECT " + String.join(", ", Collections.nCopies(arity, "NULL")) + " WHERE 0"
                    : "VALUES " + String.join(", ", rows);
            with.add(cte + "(" + columns + ") AS (" + body + ")");
        }
        return with.toString();
    }

    static String quote(String s) { return "'" + s.replace("'", "''") + "'"; }
}
