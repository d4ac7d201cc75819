package io.graknmigrate.match;

import io.graknmigrate.keyspace.ThingId;
import io.graknmigrate.match.MatchPattern.Conjunction;
import io.graknmigrate.match.MatchQuery.Aggregate;
import io.graknmigrate.match.MatchQuery.Method;
import io.graknmigrate.schema.Schema;
import io.graknmigrate.schema.TypeKind;
import io.graknmigrate.schema.ValueType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Runs match queries inside SQLite on one keyspace connection (a read snapshot or the write
 * transaction): each query is one generated SQL statement (see {@link SqlPlanner}) whose rows are
 * turned into answers as SQLite produces them, so memory does not grow with the keyspace; sorting,
 * distinct answers and groups are SQLite's, which spills to temporary files. Rules are not run: the
 * answers are the stored facts, and a pattern naming a type some rule concludes gets one warning.
 */
public final class MatchEngine implements AutoCloseable {

    /** Answers a write query keeps in memory before it spills the rest to a temporary table. */
    static final int IN_MEMORY_ANSWERS = 1024;
    private static final int CACHED_STATEMENTS = 64;
    /** SQLite's own upper limit for memory-mapped I/O (SQLITE_MAX_MMAP_SIZE); files beyond it are read past it as usual. */
    private static final long MAPPED_BYTES = 0x7fff0000L;

    private final Connection c;
    private final TypeCatalog catalog;
    private final Consumer<String> warnings;
    private final PendingWrites pending;
    private final PlanCache plans = new PlanCache();
    private final Set<String> concluded;
    private boolean warned;
    private long spills;
    private final Map<String, PreparedStatement> statements = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> e) {
            if (size() <= CACHED_STATEMENTS) return false;
            closeQuietly(e.getValue());
            return true;
        }
    };

    /**
     * @param c        the keyspace's connection, inside its transaction
     * @param typeIds  the store ids of the schema's thing types, by label
     * @param roleIds  the store ids of the schema's roles, by label
     * @param warnings where the no-reasoner warning goes (once per engine)
     * @param pending  the rows a writer on this connection still buffers, written before a query that could see them
     */
    public MatchEngine(Connection c, Schema schema, Map<String, Integer> typeIds, Map<String, Integer> roleIds,
                       Consumer<String> warnings, PendingWrites pending) {
        this.c = c;
        this.pending = pending;
        this.catalog = new TypeCatalog(schema, typeIds, roleIds);
        this.warnings = warnings;
        this.concluded = catalog.ruleConcludedTypes();
        try {
            // A match reads random pages of the whole file: mapped, a page costs no system call and no copy.
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA mmap_size = " + MAPPED_BYTES);
            }
            GraqlFunctions.register(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot register Graql's SQL functions", e);
        }
    }

    /** Runs a get query (with its modifiers, aggregate or group), sending results to the sink as they are found. */
    public void run(MatchQuery q, AnswerSink sink) throws SQLException {
        SqlPlanner.Plan plan = plan(q.pattern(), q.vars());
        if (q.group() != null) checkAnswerVar(plan, q.group(), "group");
        if (q.sort() != null) checkAnswerVar(plan, q.sort().var(), "sort");
        Aggregate agg = q.aggregate();
        if (agg != null && agg.var() != null) {
            checkAnswerVar(plan, agg.var(), agg.method().name().toLowerCase(Locale.ROOT));
            if (plan.kinds().get(agg.var()) != SqlPlanner.VarKind.THING) {
                throw new MatchException(agg.method().name().toLowerCase(Locale.ROOT) + " $" + agg.var() + " needs an attribute variable, not a type");
            }
        }
        String inner = plan.sql() + modifiers(q, plan);
        if (q.group() != null) {
            group(q, plan, inner, sink);
        } else if (agg == null) {
            stream(inner, plan, a -> sink.answer(a));
        } else if (agg.method() == Method.COUNT) {
            try (ResultSet rs = query("SELECT count(*) FROM (" + inner + ")", plan.params())) {
                rs.next();
                sink.value(rs.getLong(1));
            }
        } else {
            Accumulator acc = new Accumulator(agg, agg.var());
            int v = plan.column(agg.var());
            String sql = agg.method() == Method.MEDIAN ? middleRows("", inner, v, plan, agg).replace("PARTITION_BY", "")
                    : "SELECT c" + (v + 1) + ", c" + (v + 2) + " FROM (" + inner + ")";
            try (ResultSet rs = query(sql, plan.params())) {
                while (rs.next()) acc.add(rs.getInt(1), rs.getObject(2));
            }
            sink.value(acc.result());
        }
    }

    /** Every answer of the pattern, each binding the given variables (all named ones when empty). */
    public void forEachAnswer(Conjunction pattern, List<String> vars, Consumer<Answer> each) throws SQLException {
        SqlPlanner.Plan plan = plan(pattern, vars);
        stream(plan.sql(), plan, each);
    }

    /**
     * Every answer of the pattern, all found before the first is handed on, so the consumer may change
     * the keyspace (a match-insert or match-delete must not see its own writes). Up to
     * {@link #IN_MEMORY_ANSWERS} are held in memory; more go to a temporary table on disk.
     */
    public void forEachAnswerBeforeWriting(Conjunction pattern, List<String> vars, Consumer<Answer> each) throws SQLException {
        SqlPlanner.Plan plan = plan(pattern, vars);
        List<Answer> first = new ArrayList<>();
        boolean more = false;
        try (ResultSet rs = query(plan.sql(), plan.params())) {
            while (rs.next()) {
                if (first.size() == IN_MEMORY_ANSWERS) {
                    more = true;
                    break;
                }
                first.add(answer(rs, plan));
            }
        }
        if (!more) {
            first.forEach(each);
            return;
        }
        first.clear();
        String table = "temp.match_answers_" + (++spills);
        try (var s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table);
        }
        try (PreparedStatement s = c.prepareStatement("CREATE TABLE " + table + " AS " + plan.sql())) {
            bind(s, plan.params());
            s.executeUpdate();
        }
        try {
            try (PreparedStatement s = c.prepareStatement("SELECT * FROM " + table); ResultSet rs = s.executeQuery()) {
                while (rs.next()) each.accept(answer(rs, plan));
            }
        } finally {
            try (var s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + table);
            }
        }
    }

    TypeCatalog catalog() { return catalog; }

    /** SQLite's plan for a pattern's query, one line per step ("SEARCH x1 USING INTEGER PRIMARY KEY …"). */
    List<String> explain(Conjunction pattern, List<String> vars) throws SQLException {
        SqlPlanner.Plan plan = new SqlPlanner(catalog).plan(pattern, vars);
        pending.writeBefore(plan.reads());
        List<String> steps = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("EXPLAIN QUERY PLAN " + plan.sql())) {
            bind(s, plan.params());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) steps.add(rs.getString(4));
            }
        }
        return steps;
    }

    /** The plan of a pattern (from the cache when one of its shape is there), after the writer wrote what it could read. */
    SqlPlanner.Plan plan(Conjunction pattern, List<String> vars) {
        warnAboutRules(pattern);
        SqlPlanner.Plan plan = plans.plan(catalog, pattern, vars);
        pending.writeBefore(plan.reads());
        return plan;
    }

    private static void checkAnswerVar(SqlPlanner.Plan plan, String var, String what) {
        if (!plan.vars().contains(var)) throw new MatchException(what + " $" + var + " is not one of the answer's variables " + plan.vars());
    }

    private String modifiers(MatchQuery q, SqlPlanner.Plan plan) {
        StringBuilder sb = new StringBuilder();
        boolean wrapped = q.sort() != null || q.offset() != null || q.limit() != null;
        if (!wrapped) return "";
        if (q.sort() != null) {
            int col = plan.column(q.sort().var());
            String dir = q.sort().ascending() ? " ASC" : " DESC";
            // Things sort by value (attributes), then by id so the order is total; types by label.
            sb.append(" ORDER BY ");
            if (plan.kinds().get(q.sort().var()) == SqlPlanner.VarKind.THING) sb.append("c").append(col + 2).append(dir).append(", c").append(col).append(dir);
            else sb.append("c").append(col).append(dir);
        }
        if (q.limit() != null || q.offset() != null) {
            sb.append(" LIMIT ").append(q.limit() == null ? -1 : q.limit());
            if (q.offset() != null) sb.append(" OFFSET ").append(q.offset());
        }
        return sb.toString();
    }

    private void group(MatchQuery q, SqlPlanner.Plan plan, String inner, AnswerSink sink) throws SQLException {
        int g = plan.column(q.group());
        boolean thing = plan.kinds().get(q.group()) == SqlPlanner.VarKind.THING;
        Aggregate agg = q.aggregate();
        if (agg == null) {
            String sql = "SELECT * FROM (" + inner + ") ORDER BY c" + g;
            Concept[] current = {null};
            String[] key = {null};
            stream(sql, plan, a -> {
                Concept owner = a.get(q.group());
                String k = keyOf(owner);
                if (!k.equals(key[0])) {
                    if (key[0] != null) sink.endGroup();
                    sink.beginGroup(owner);
                    key[0] = k;
                    current[0] = owner;
                }
                sink.answer(a);
            });
            if (key[0] != null) sink.endGroup();
            return;
        }
        String groupCols = thing ? "c" + g + ", c" + (g + 1) + ", c" + (g + 2) : "c" + g;
        if (agg.method() == Method.COUNT) {
            try (ResultSet rs = query("SELECT " + groupCols + ", count(*) FROM (" + inner + ") GROUP BY c" + g + " ORDER BY c" + g, plan.params())) {
                int n = thing ? 4 : 2;
                while (rs.next()) sink.groupValue(concept(rs, 1, thing), rs.getLong(n));
            }
            return;
        }
        int v = plan.column(agg.var());
        String sql = agg.method() == Method.MEDIAN ? middleRows(groupCols, inner, v, plan, agg).replace("PARTITION_BY", "PARTITION BY c" + g)
                + " ORDER BY c" + g
                : "SELECT " + groupCols + ", c" + (v + 1) + ", c" + (v + 2) + " FROM (" + inner + ") ORDER BY c" + g;
        int n = thing ? 4 : 2;
        try (ResultSet rs = query(sql, plan.params())) {
            String key = null;
            Concept owner = null;
            Accumulator acc = null;
            while (rs.next()) {
                Concept o = concept(rs, 1, thing);
                String k = keyOf(o);
                if (!k.equals(key)) {
                    if (acc != null) sink.groupValue(owner, acc.result());
                    key = k;
                    owner = o;
                    acc = new Accumulator(agg, agg.var());
                }
                acc.add(rs.getInt(n), rs.getObject(n + 1));
            }
            if (acc != null) sink.groupValue(owner, acc.result());
        }
    }

    /**
     * The middle one or two rows of each partition by value (a median needs nothing else), numbered
     * by a window function; a value that is not a number fails the query first.
     */
    private String middleRows(String groupCols, String inner, int v, SqlPlanner.Plan plan, Aggregate agg) throws SQLException {
        StringJoiner numeric = new StringJoiner(",", "(", ")");
        numeric.add("-1");
        for (Set<Integer> group : catalog.comparableGroups()) {
            int first = group.iterator().next();
            ValueType kind = catalog.valueType(first);
            if (kind == ValueType.LONG || kind == ValueType.DOUBLE) {
                for (int id : group) numeric.add(Integer.toString(id));
            }
        }
        String firstNonNumeric = "SELECT c" + (v + 1) + ", c" + (v + 2) + " FROM (" + inner + ") WHERE c" + (v + 1) + " NOT IN " + numeric + " LIMIT 1";
        try (ResultSet rs = query(firstNonNumeric, plan.params())) {
            if (rs.next()) new Accumulator(agg, agg.var()).add(rs.getInt(1), rs.getObject(2));
        }
        String cols = (groupCols.isEmpty() ? "" : groupCols + ", ") + "c" + (v + 1) + ", c" + (v + 2);
        return "SELECT " + cols + " FROM (SELECT *, row_number() OVER (PARTITION_BY ORDER BY c" + (v + 2) + ") AS rn,"
                + " count(*) OVER (PARTITION_BY) AS cnt FROM (" + inner + ")) WHERE rn IN ((cnt + 1) / 2, cnt / 2 + 1)";
    }

    private static String keyOf(Concept c) {
        return c instanceof Concept.Thing t ? t.id() : ((Concept.Type) c).label();
    }

    /** Streams an aggregate's values: exact long sums while every value is a long, Welford's mean and deviation. */
    private final class Accumulator {
        private final Aggregate agg;
        private long count;
        private boolean allLong = true;
        private long longSum;
        private boolean overflow;
        private double doubleSum;
        private Number min;
        private Number max;
        private double mean;
        private double m2;
        /** For a median: the one or two middle values, which the query alone returns. */
        private final List<Number> middle = new ArrayList<>(2);

        Accumulator(Aggregate agg, String var) {
            this.agg = agg;
        }

        void add(int type, Object value) {
            ValueType vt = catalog.valueType(type);
            if (vt != ValueType.LONG && vt != ValueType.DOUBLE) {
                throw new MatchException(agg.method().name().toLowerCase(Locale.ROOT) + " $" + agg.var()
                        + " needs numbers, but $" + agg.var() + " is bound to " + (vt == null ? "a " + catalog.kind(type).meta()
                        : "a " + vt.keyword()) + " (" + catalog.label(type) + ")");
            }
            Number n = vt == ValueType.LONG ? (Number) ((Number) value).longValue() : (Number) ((Number) value).doubleValue();
            count++;
            if (n instanceof Long l && allLong) {
                try {
                    longSum = Math.addExact(longSum, l);
                } catch (ArithmeticException e) {
                    overflow = true;
                }
            } else {
                allLong = false;
            }
            doubleSum += n.doubleValue();
            if (min == null || compare(n, min) < 0) min = n;
            if (max == null || compare(n, max) > 0) max = n;
            double d = n.doubleValue() - mean;
            mean += d / count;
            m2 += d * (n.doubleValue() - mean);
            if (agg.method() == Method.MEDIAN) middle.add(n);
        }

        Number result() {
            if (agg.method() == Method.SUM) {
                if (allLong && !overflow) return longSum;
                return doubleSum;
            }
            if (count == 0) return null;
            return switch (agg.method()) {
                case MIN -> min;
                case MAX -> max;
                case MEAN -> mean;
                case STD -> count < 2 ? null : Math.sqrt(m2 / (count - 1));
                case MEDIAN -> median();
                default -> throw new IllegalStateException(agg.method().name());
            };
        }

        private Number median() {
            Number a = middle.get(0);
            if (middle.size() == 1) return a;
            Number b = middle.get(1);
            if (a instanceof Long x && b instanceof Long y && (x + y) % 2 == 0) return (x + y) / 2;
            return (a.doubleValue() + b.doubleValue()) / 2;
        }
    }

    private static int compare(Number a, Number b) {
        if (a instanceof Long x && b instanceof Long y) return Long.compare(x, y);
        return Double.compare(a.doubleValue(), b.doubleValue());
    }

    // ---- rows to answers

    private void stream(String sql, SqlPlanner.Plan plan, Consumer<Answer> each) throws SQLException {
        try (ResultSet rs = query(sql, plan.params())) {
            while (rs.next()) each.accept(answer(rs, plan));
        }
    }

    private Answer answer(ResultSet rs, SqlPlanner.Plan plan) throws SQLException {
        Map<String, Concept> m = new LinkedHashMap<>();
        int col = 1;
        for (String v : plan.vars()) {
            boolean thing = plan.kinds().get(v) == SqlPlanner.VarKind.THING;
            m.put(v, concept(rs, col, thing));
            col += thing ? 3 : 1;
        }
        return new Answer(m);
    }

    private Concept concept(ResultSet rs, int col, boolean thing) throws SQLException {
        if (!thing) return new Concept.Type(rs.getString(col));
        long id = rs.getLong(col);
        int type = rs.getInt(col + 1);
        TypeKind kind = catalog.kind(type);
        ValueType vt = catalog.valueType(type);
        Object value = null;
        if (vt != null) {
            value = switch (vt) {
                case STRING -> rs.getString(col + 2);
                case LONG, DATETIME -> rs.getLong(col + 2);
                case DOUBLE -> rs.getDouble(col + 2);
                case BOOLEAN -> rs.getLong(col + 2) != 0;
            };
        }
        return new Concept.Thing(ThingId.of(id), catalog.label(type), kind, vt, value);
    }

    private ResultSet query(String sql, List<Object> params) throws SQLException {
        PreparedStatement s = statements.get(sql);
        if (s == null) {
            s = c.prepareStatement(sql);
            statements.put(sql, s);
        }
        bind(s, params);
        return s.executeQuery();
    }

    private static void bind(PreparedStatement s, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object p = params.get(i);
            if (p instanceof String v) s.setString(i + 1, v);
            else if (p instanceof Long v) s.setLong(i + 1, v);
            else if (p instanceof Double v) s.setDouble(i + 1, v);
            else throw new IllegalArgumentException("not a bindable value: " + p);
        }
    }

    private void warnAboutRules(Conjunction pattern) {
        if (warned || concluded.isEmpty()) return;
        Set<String> used = new TreeSet<>();
        collectLabels(pattern.constraints(), used);
        for (String label : used) {
            for (String c : concluded) {
                if (c.equals(label) || catalog.schema().isSubtypeOf(c, label) || label.equals("thing")) {
                    warned = true;
                    warnings.accept("the pattern uses " + label + ", which a rule concludes (" + c
                            + "); answers are the stored facts only, rules are not run");
                    return;
                }
            }
        }
    }

    private static void collectLabels(List<MatchPattern.Constraint> cs, Set<String> out) {
        for (MatchPattern.Constraint c : cs) {
            if (c instanceof MatchPattern.Isa i && !i.type().isVar()) out.add(i.type().label());
            else if (c instanceof MatchPattern.Has h) out.add(h.attributeType());
            else if (c instanceof MatchPattern.Or o) for (Conjunction b : o.branches()) collectLabels(b.constraints(), out);
            else if (c instanceof MatchPattern.Not n) collectLabels(n.body().constraints(), out);
        }
    }

    private static void closeQuietly(PreparedStatement s) {
        try {
            s.close();
        } catch (SQLException ignored) {
            // a cached statement: nothing depends on its close
        }
    }

    /** Closes the cached statements (the connection stays open; it belongs to the caller). */
    @Override
    public void close() {
        for (PreparedStatement s : statements.values()) closeQuietly(s);
        statements.clear();
    }

    static String describe(List<String> vars) {
        StringJoiner j = new StringJoiner(", ");
        for (String v : vars) j.add("$" + v);
        return j.toString();
    }
}
