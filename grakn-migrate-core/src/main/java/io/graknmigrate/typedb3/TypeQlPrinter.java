package io.graknmigrate.typedb3;

import io.graknmigrate.schema.TypeKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Prints a {@link TypeQlSchema} as one TypeQL 3 {@code define} query, with comments before it. */
public final class TypeQlPrinter {

    private TypeQlPrinter() { }

    /**
     * @param header comment lines printed before {@code define} (without the leading {@code #})
     * @param trailer comment lines printed after the last type (dropped rules, for example)
     */
    public static String print(TypeQlSchema schema, List<String> header, List<String> trailer) {
        StringBuilder sb = new StringBuilder();
        for (String line : header) comment(sb, line);
        if (!header.isEmpty()) sb.append('\n');
        sb.append("define\n");
        for (TypeKind kind : List.of(TypeKind.ATTRIBUTE, TypeKind.ENTITY, TypeKind.RELATION)) {
            List<TypeQlType> ofKind = topDown(schema, kind);
            if (ofKind.isEmpty()) continue;
            sb.append('\n');
            for (TypeQlType t : ofKind) statement(sb, t);
        }
        if (!trailer.isEmpty()) sb.append('\n');
        for (String line : trailer) comment(sb, line);
        return sb.toString();
    }

    private static void comment(StringBuilder sb, String line) {
        for (String part : line.split("\r?\n|\r", -1)) sb.append(part.isEmpty() ? "#" : "# " + part).append('\n');
    }

    /** Types of a kind, each after its supertype, otherwise by label. */
    static List<TypeQlType> topDown(TypeQlSchema schema, TypeKind kind) {
        List<TypeQlType> result = new ArrayList<>();
        List<TypeQlType> roots = new ArrayList<>();
        for (TypeQlType t : schema.types()) {
            if (t.kind() == kind && (t.supertype() == null || schema.type(t.supertype()) == null)) roots.add(t);
        }
        roots.sort((a, b) -> a.label().compareTo(b.label()));
        for (TypeQlType root : roots) addTree(schema, root, result, 0);
        return result;
    }

    private static void addTree(TypeQlSchema schema, TypeQlType t, List<TypeQlType> out, int depth) {
        if (depth > 10_000 || out.contains(t)) return;
        out.add(t);
        List<TypeQlType> subs = new ArrayList<>();
        for (TypeQlType s : schema.types()) if (t.label().equals(s.supertype())) subs.add(s);
        subs.sort((a, b) -> a.label().compareTo(b.label()));
        for (TypeQlType s : subs) addTree(schema, s, out, depth + 1);
    }

    static void statement(StringBuilder sb, TypeQlType t) {
        List<String> parts = new ArrayList<>();
        StringBuilder head = new StringBuilder(t.kind().meta()).append(' ').append(t.label());
        if (t.isAbstract()) head.append(" @abstract");
        if (t.isIndependent()) head.append(" @independent");
        if (t.supertype() != null) parts.add("sub " + t.supertype());
        if (t.valueType() != null) {
            String v = "value " + t.valueType();
            if (t.regex() != null) v += " @regex(" + regexLiteral(t.regex()) + ")";
            parts.add(v);
        }
        for (Map.Entry<String, TypeQlType.Capability> e : t.relates().entrySet()) {
            String s = "relates " + e.getKey();
            if (e.getValue().specialises != null) s += " as " + e.getValue().specialises;
            parts.add(s + e.getValue().annotations());
        }
        for (Map.Entry<String, TypeQlType.Capability> e : t.owns().entrySet()) {
            parts.add("owns " + e.getKey() + e.getValue().annotations());
        }
        for (Map.Entry<String, TypeQlType.Capability> e : t.plays().entrySet()) {
            parts.add("plays " + e.getKey() + e.getValue().annotations());
        }
        sb.append(head);
        if (parts.isEmpty()) {
            sb.append(";\n");
            return;
        }
        if (parts.size() == 1) {
            sb.append(", ").append(parts.get(0)).append(";\n");
            return;
        }
        sb.append(",\n");
        for (int i = 0; i < parts.size(); i++) {
            sb.append("    ").append(parts.get(i)).append(i == parts.size() - 1 ? ";\n" : ",\n");
        }
    }

    /**
     * A regex as a TypeQL string literal. TypeQL unescapes only {@code \"} in a regex literal and passes
     * every other backslash through, so an unescaped quote gets a backslash and everything else is kept.
     * A regex {@code \"} (escaped quote) already reads as a quote, which means the same in a regex.
     */
    static String regexLiteral(String pattern) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                sb.append(c).append(pattern.charAt(i + 1));
                i++;
            } else if (c == '"') {
                sb.append("\\\"");
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
