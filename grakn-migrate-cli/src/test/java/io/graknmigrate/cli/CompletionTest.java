package io.graknmigrate.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.graknmigrate.cli.SocialBackup.SCHEMA;
import static org.assertj.core.api.Assertions.assertThat;

/** The completion script, sourced in a real bash and asked what it completes. */
class CompletionTest {

    @TempDir
    Path dir;

    /** What bash completes for the words of a line (the last one being typed), with the script sourced. */
    private List<String> complete(Path script, String... words) throws Exception {
        StringBuilder array = new StringBuilder();
        for (String w : words) array.append(" '").append(w.replace("'", "'\\''")).append('\'');
        String program = "source '" + script + "'\n"
                + "COMP_WORDS=(" + array + ")\n"
                + "COMP_CWORD=" + (words.length - 1) + "\n"
                + "_grakn_migrate\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        ProcessBuilder pb = new ProcessBuilder("bash", "--norc", "--noprofile", "-c", program).directory(dir.toFile());
        pb.environment().put("GRAKN_MIGRATE_DATA", dir.resolve("grakn-data").toString());
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().filter(l -> !l.isEmpty()).toList();
    }

    @Test
    void bashCompletesCommandsOptionsValuesKeyspacesAndFiles() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/bash")) || Files.isExecutable(Path.of("/usr/bin/bash")), "no bash");
        Cli.Result r = new Cli(dir).run("completion", "bash");
        assertThat(r.code()).as(r.toString()).isZero();
        Path script = Files.writeString(dir.resolve("grakn-migrate.bash"), r.out());
        Files.writeString(dir.resolve("s.gql"), SCHEMA);
        assertThat(new Cli(dir).run("define", "social", "s.gql").code()).isZero();

        assertThat(complete(script, "grakn-migrate", "imp")).containsExactly("import");
        assertThat(complete(script, "grakn-migrate", "-q", "ex")).containsExactly("export");
        assertThat(complete(script, "grakn-migrate", "import", "--sch")).containsExactly("--schema");
        assertThat(complete(script, "grakn-migrate", "import", "social", "x.grakn", "--d")).containsExactly("--data", "--dry-run");
        assertThat(complete(script, "grakn-migrate", "convert", "a.grakn", "-", "--to", "")).containsExactly("grakn", "jsonl");
        assertThat(complete(script, "grakn-migrate", "schema", "social", "--format", "m")).containsExactly("mermaid");
        assertThat(complete(script, "grakn-migrate", "export", "so")).containsExactly("social");
        assertThat(complete(script, "grakn-migrate", "console", "-k", "")).containsExactly("social");
        assertThat(complete(script, "grakn-migrate", "define", "social", "s.")).containsExactly("s.gql");
        assertThat(complete(script, "grakn-migrate", "server", "exp")).containsExactly("export");
        assertThat(complete(script, "grakn-migrate", "completion", "")).containsExactly("bash", "zsh");
        // Every command of the model is offered.
        assertThat(complete(script, "grakn-migrate", "")).containsAll(new CommandLine(Main.commands()).commands().keySet());
    }

    @Test
    void zshGetsTheSameScriptThroughBashcompinit() {
        Cli.Result r = new Cli(dir).run("completion", "zsh");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("bashcompinit").contains("complete -o default -o filenames -F _grakn_migrate grakn-migrate");
        assertThat(new Cli(dir).run("completion", "fish").stderr()).startsWith("error: the shell is 'fish', give bash or zsh");
    }
}
