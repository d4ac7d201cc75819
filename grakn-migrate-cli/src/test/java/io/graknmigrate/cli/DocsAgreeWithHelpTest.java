package io.graknmigrate.cli;

import com.beust.jcommander.JCommander;
import com.beust.jcommander.ParameterDescription;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/cli.md and the commands' --help agree: every option of one is in the other. */
class DocsAgreeWithHelpTest {

    private static final Path CLI_MD = Path.of("..", "docs", "cli.md");

    /** The made-up option docs/cli.md uses to show the unknown-option error. */
    private static final Set<String> EXAMPLES = Set.of("--frobnicate");

    private static final Pattern OPTION = Pattern.compile("(?<![\\w-])--[a-z][a-z0-9-]*");

    private static String doc() throws IOException {
        return Files.readString(CLI_MD);
    }

    /** The section of docs/cli.md whose heading names the command, up to the next heading. */
    private static String section(String doc, String command) {
        List<String> lines = doc.lines().toList();
        StringBuilder sb = new StringBuilder();
        boolean inside = false;
        for (String line : lines) {
            if (line.startsWith("#")) {
                inside = line.matches("#+ `(grakn-migrate )?" + Pattern.quote(command) + "( .*)?`.*");
                if (inside) sb.append(line).append('\n');
                continue;
            }
            if (inside) sb.append(line).append('\n');
        }
        return sb.toString();
    }

    @Test
    void everyOptionOfEveryCommandIsInTheDocsAndEachCommandHasASection() throws IOException {
        String doc = doc();
        Map<String, JCommander> commands = new CommandLine(Main.commands()).commands();
        List<String> missing = new ArrayList<>();
        for (var e : commands.entrySet()) {
            String section = section(doc, e.getKey());
            if (section.isEmpty()) {
                missing.add(e.getKey() + ": no section headed `" + e.getKey() + " ...` in docs/cli.md");
                continue;
            }
            Object own = e.getValue().getObjects().get(0);
            for (ParameterDescription d : e.getValue().getParameters()) {
                for (String name : d.getParameter().names()) {
                    // The command's own options in its section; shared ones (--data, --server ...) anywhere.
                    String where = d.getObject() == own ? section : doc;
                    if (!Pattern.compile("(?<![\\w-])" + Pattern.quote(name) + "(?![\\w-])").matcher(where).find()) {
                        missing.add(e.getKey() + " " + name + (d.getObject() == own ? " (in its section)" : ""));
                    }
                }
            }
        }
        for (List<String> names : CommonOptions.NAMES) for (String n : names) if (!doc.contains(n)) missing.add("common " + n);
        assertThat(missing).as("options in --help but not in docs/cli.md").isEmpty();
    }

    @Test
    void everyOptionTheDocsNameExists() throws IOException {
        Set<String> known = new TreeSet<>(EXAMPLES);
        known.add("--version");
        for (List<String> names : CommonOptions.NAMES) known.addAll(names);
        for (JCommander c : new CommandLine(Main.commands()).commands().values()) {
            for (ParameterDescription d : c.getParameters()) known.addAll(List.of(d.getParameter().names()));
        }
        Set<String> unknown = new TreeSet<>();
        Matcher m = OPTION.matcher(doc());
        while (m.find()) if (!known.contains(m.group())) unknown.add(m.group());
        assertThat(unknown).as("options docs/cli.md names that no command has").isEmpty();
    }
}
