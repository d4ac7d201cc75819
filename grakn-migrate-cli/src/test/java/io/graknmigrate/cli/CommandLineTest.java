package io.graknmigrate.cli;

import com.beust.jcommander.JCommander;
import com.beust.jcommander.ParameterDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.graknmigrate.cli.SocialBackup.SCHEMA;
import static org.assertj.core.api.Assertions.assertThat;

/** The command line as users type it: option spellings, unknown options and commands, usage, Grakn's forms. */
class CommandLineTest {

    @TempDir
    Path dir;

    static Stream<String> commandNames() {
        return new CommandLine(Main.commands()).commands().keySet().stream();
    }

    private static Map<String, JCommander> model() {
        return new CommandLine(Main.commands()).commands();
    }

    /** A value the option's type accepts. */
    private static String sample(ParameterDescription d) {
        Class<?> type = d.getParameterized().getType();
        if (type.isEnum()) return EnumOptions.spellings(type).get(EnumOptions.spellings(type).size() - 1);
        if (type == int.class || type == Integer.class || type == double.class || type == Double.class) return "7";
        return "some-value";
    }

    private static Object valueAfter(String command, String option, String... args) {
        CommandLine line = new CommandLine(Main.commands());
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(List.of(args));
        line.parse(all.toArray(String[]::new));
        ParameterDescription d = CommandLine.options(line.commands().get(command)).get(option);
        return d.getParameterized().get(d.getObject());
    }

    @ParameterizedTest
    @MethodSource("commandNames")
    void everyOptionOfEveryCommandTakesItsValueAfterEqualsAsWellAsAfterASpace(String command) {
        for (ParameterDescription d : model().get(command).getParameters()) {
            for (String name : d.getParameter().names()) {
                if (!name.startsWith("--")) continue;
                if (CommandLine.takesNoValue(d)) {
                    assertThat(valueAfter(command, name, name + "=true")).as(name + "=true").isEqualTo(valueAfter(command, name, name));
                    assertThat(valueAfter(command, name, name + "=yes")).as(name + "=yes").isEqualTo(true);
                    assertThat(valueAfter(command, name, name + "=false")).as(name + "=false").isEqualTo(valueAfter(command, name));
                } else {
                    String v = sample(d);
                    assertThat(valueAfter(command, name, name + "=" + v)).as(command + " " + name + "=" + v)
                            .isEqualTo(valueAfter(command, name, name, v))
                            .isNotEqualTo(valueAfter(command, name));
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("commandNames")
    void anUnknownOptionIsNamedWithItsCommandAndAShortUsage(String command) {
        for (String[] args : new String[][]{{command, "--frobnicate"}, {command, "x", "--frobnicate=1"}, {command, "-Z"}}) {
            Cli.Result r = new Cli(dir).run(args);
            assertThat(r.code()).as(r.toString()).isEqualTo(2);
            String option = args[args.length - 1].replaceAll("=.*", "");
            List<String> lines = r.stderr().lines().toList();
            assertThat(lines.get(0)).isEqualTo("error: unknown option " + option + " for " + command + " (see grakn-migrate " + command + " --help)");
            assertThat(lines.get(1)).startsWith("usage: grakn-migrate " + command);
            assertThat(lines).hasSizeLessThanOrEqualTo(5).last().asString().contains("--help");
            assertThat(r.stderr()).doesNotContain("\tat ");
        }
    }

    @ParameterizedTest
    @MethodSource("commandNames")
    void helpListsEveryOptionWithinOneHundredColumns(String command) {
        Cli.Result r = new Cli(dir).run(command, "--help");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("usage: grakn-migrate " + command).contains("-h, --help");
        for (ParameterDescription d : model().get(command).getParameters()) {
            assertThat(r.out()).contains(Usage.label(d));
        }
        r.out().lines().forEach(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(Usage.WIDTH));
        assertThat(new Cli(dir).run("--help", command).out()).isEqualTo(r.out());
        assertThat(new Cli(dir).run(command, "--frobnicate", "--help").code()).as("--help wins").isZero();
    }

    @Test
    void optionValuesAfterEqualsReachTheCommand() throws Exception {
        Files.writeString(dir.resolve("s.gql"), SCHEMA);
        Files.write(dir.resolve("b.grakn"), SocialBackup.backup("test", "src", "person"));
        Cli cli = new Cli(dir);
        Cli.Result r = cli.run("import", "social", "b.grakn", "--schema=s.gql", "--data=" + dir.resolve("x"));
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(dir.resolve("x/social.sqlite")).exists();
        assertThat(dir.resolve("grakn-data")).doesNotExist();
        r = cli.run("import", "social", "b.grakn", "--data=x", "--clean=yes");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("existing data was removed first");
        assertThat(cli.run("keyspaces", "--data=x").out()).containsPattern("social\\s+6\\s");
    }

    @Test
    void anArgumentStartingWithADashIsNeverARemap() throws Exception {
        Files.write(dir.resolve("b.grakn"), SocialBackup.backup("test", "src", "person"));
        Cli.Result r = new Cli(dir).run("import", "social", "b.grakn", "-person=human");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.stderr()).startsWith("error: unknown option -person=human for import");
        Files.write(dir.resolve("-odd.grakn"), SocialBackup.backup("test", "src", "person"));
        r = new Cli(dir).run("inspect", "--", "-odd.grakn");
        assertThat(r.code()).as("-- ends the options").as(r.toString()).isZero();
    }

    @Test
    void mistypedNamesGetASuggestion() {
        Cli.Result r = new Cli(dir).run("imprt", "social", "x.grakn");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.stderr()).startsWith("error: unknown command imprt, did you mean import? (see grakn-migrate --help)\n");
        assertThat(new Cli(dir).run("exprot").stderr()).contains("did you mean export?");
        assertThat(new Cli(dir).run("frobnicate").stderr()).startsWith("error: unknown command frobnicate (see grakn-migrate --help)");
        r = new Cli(dir).run("import", "social", "x.grakn", "--shcema", "s.gql");
        assertThat(r.stderr()).startsWith("error: unknown option --shcema for import, did you mean --schema? (see grakn-migrate import --help)");
    }

    @Test
    void enumOptionsTakeTheirLowercaseNamesAndListThemOtherwise() throws Exception {
        Files.write(dir.resolve("in.grakn"), SocialBackup.backup("test", "src", "person"));
        Cli.Result r = new Cli(dir).run("convert", "in.grakn", "-", "--to=xml");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.stderr()).startsWith("error: --to is 'xml', give grakn or jsonl\nusage: grakn-migrate convert");
        assertThat(new Cli(dir).run("convert", "in.grakn", "-", "--to", "JSONL").code()).isZero();
        assertThat(new Cli(dir).run("convert", "in.grakn", "-", "--to=json").code()).as("a unique prefix").isZero();
        assertThat(new Cli(dir).run("typedb3", "--help").out()).contains("--attribute-owners rehome|drop").contains("(default: rehome)");
    }

    @Test
    void valuedOptionsWithoutValueAndSwitchesWithOneAreUsageErrors() {
        Cli.Result r = new Cli(dir).run("import", "social", "x.grakn", "--schema");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.stderr()).startsWith("error: --schema needs a value: --schema FILE.gql\n");
        r = new Cli(dir).run("import", "social", "x.grakn", "--clean=maybe");
        assertThat(r.stderr()).startsWith("error: --clean takes no value, got --clean=maybe: write --clean alone\n");
        r = new Cli(dir).run("keyspaces", "extra");
        assertThat(r.stderr()).startsWith("error: keyspaces takes no arguments, got extra\n");
    }

    @Test
    void graknsServerFormsRunAsTheirCommands() throws Exception {
        Files.writeString(dir.resolve("s.gql"), SCHEMA);
        Files.write(dir.resolve("b.grakn"), SocialBackup.backup("test", "src", "human"));
        Cli cli = new Cli(dir);
        assertThat(cli.run("define", "social", "s.gql").code()).isZero();
        Cli.Result r = cli.run("server", "import", "--no-anim", "social", "b.grakn", "human=person");
        assertThat(r.code()).as(r.toString()).isZero();
        r = cli.run("server", "export", "--no-anim", "social", "out.grakn");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(dir.resolve("out.grakn")).isNotEmptyFile();
        r = cli.run("server", "schema", "social");
        assertThat(r.out()).startsWith("define");
        r = cli.run("server", "start");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.stderr()).startsWith("error: 'server start' is not a command: Grakn's forms are server export, server import, server schema");
    }

    @Test
    void graknsConsoleFormRunsEachFileInItsOwnTransaction() throws Exception {
        Files.writeString(dir.resolve("a.gql"), "define name sub attribute, value string; person sub entity, has name;");
        Files.writeString(dir.resolve("b.gql"), "define person sub entity, plays friend; friendship sub relation, relates friend;");
        Files.writeString(dir.resolve("bad.gql"), "define pet sub entity, has nosuch;");
        Cli cli = new Cli(dir);
        Cli.Result r = cli.run("console", "-k", "social", "-f", "a.gql", "-f", "b.gql");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("loaded a.gql into social").contains("loaded b.gql into social");
        r = cli.run("console", "--keyspace=two", "--file=a.gql", "-f", "bad.gql");
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("error: ").contains("bad.gql").contains("(a.gql stays loaded)");
        assertThat(cli.run("schema", "two").out()).contains("person sub entity").doesNotContain("pet");
        assertThat(cli.run("console", "-f", "a.gql").code()).isEqualTo(2);
        assertThat(cli.run("console", "-k", "social").stderr()).contains("give the files to run with -f");
    }

    @Test
    void graknsOwnMigrationTestSchemaLoadsInTwoTransactions() {
        Path fixtures = Path.of("..").resolve("../shared/fixtures/grakn-1.8").toAbsolutePath().normalize();
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(fixtures.resolve("schema-pt2.gql")),
                "../shared/fixtures/grakn-1.8 not found: skipping Grakn's two-part schema");
        Cli.Result r = new Cli(dir).run("console", "-k", "simulation", "-f", fixtures.resolve("schema.gql").toString(),
                "-f", fixtures.resolve("schema-pt2.gql").toString());
        assertThat(r.code()).as(r.toString()).isZero();
    }
}
