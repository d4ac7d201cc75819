package io.graknmigrate.load;

import io.graknmigrate.keyspace.KeyspaceName;
import io.graknmigrate.format.ProgressListener;
import io.graknmigrate.store.KeyspaceStore;
import io.graknmigrate.store.WriteTransaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Runs Graql files into an embedded keyspace the way {@code grakn console -f} runs them: queries in
 * file order, each seeing what the earlier ones wrote, one transaction per file committed at its end.
 * A failure rolls back its file only; files before it stay committed. The keyspace is created when
 * absent, and removed again when its first file fails. A dry run runs every file in one transaction
 * (so later files see earlier ones) and rolls it back.
 */
public final class GraqlLoader {

    private final KeyspaceStore store;
    private final MatchQueries match;

    /** @param match runs the queries that need a match engine; {@link MatchQueries#REFUSE} refuses them */
    public GraqlLoader(KeyspaceStore store, MatchQueries match) {
        this.store = Objects.requireNonNull(store, "store");
        this.match = Objects.requireNonNull(match, "match");
    }

    public GraqlLoader(KeyspaceStore store) {
        this(store, MatchQueries.REFUSE);
    }

    /**
     * Loads the files in order. Each file's summary goes to {@code onFile} as soon as it is committed (or,
     * in a dry run, checked). Throws {@link LoadException} for the first file that fails.
     */
    public List<LoadSummary> load(String keyspace, List<LoadInput> files, boolean dryRun, Consumer<String> warnings,
                                  ProgressListener progress, Consumer<LoadSummary> onFile) {
        KeyspaceName.check(keyspace);
        if (files.isEmpty()) throw new IllegalArgumentException("no Graql file to load");
        List<LoadSummary> done = new ArrayList<>();
        if (dryRun) {
            WriteTransaction opened = store.write(keyspace, true);
            try (WriteTransaction tx = opened) {
                for (LoadInput f : files) {
                    LoadSummary s = runFile(tx, keyspace, f, true, warnings, progress, done);
                    done.add(s);
                    onFile.accept(s);
                }
            } finally {
                if (opened.created()) store.deleteIfNeverCreated(keyspace);
            }
            return done;
        }
        for (LoadInput f : files) {
            boolean committed = false;
            WriteTransaction opened = store.write(keyspace, true);
            try (WriteTransaction tx = opened) {
                LoadSummary s = runFile(tx, keyspace, f, false, warnings, progress, done);
                tx.commit();
                committed = true;
                done.add(s);
                onFile.accept(s);
            } finally {
                if (!committed && opened.created()) store.deleteIfNeverCreated(keyspace);
            }
        }
        return done;
    }

    private LoadSummary runFile(WriteTransaction tx, String keyspace, LoadInput input, boolean dryRun, Consumer<String> warnings,
                                ProgressListener progress, List<LoadSummary> before) {
        try {
            return FileExecution.run(tx, keyspace, input, dryRun, match, warnings, progress);
        } catch (FileExecution.QueryFailure e) {
            throw new LoadException(e.getMessage() + ", " + outcome(input, before, dryRun), e.problems(), e.getCause());
        }
    }

    /** What the user's keyspace holds after a failure: nothing of this file, and which files stay. */
    private static String outcome(LoadInput failed, List<LoadSummary> before, boolean dryRun) {
        if (dryRun) return "nothing was changed (dry run)";
        StringBuilder sb = new StringBuilder("nothing of ").append(failed.name()).append(" was loaded");
        if (!before.isEmpty()) {
            List<String> names = new ArrayList<>();
            for (LoadSummary s : before) names.add(s.file());
            sb.append(" (").append(String.join(", ", names)).append(before.size() == 1 ? " stays" : " stay").append(" loaded)");
        }
        return sb.append("; fix the query and load ").append(failed.name()).append(" again").toString();
    }
}
