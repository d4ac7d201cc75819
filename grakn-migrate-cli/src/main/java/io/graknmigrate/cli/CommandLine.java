package io.graknmigrate.cli;

import com.beust.jcommander.JCommander;
import com.beust.jcommander.ParameterDescription;
import com.beust.jcommander.ParameterException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a command line the way users type it, for any command registered, from the commands' own
 * option model (their jcommander annotations): {@code --opt value} and {@code --opt=value}, options
 * before, between or after the arguments, {@code --} to end the options, the {@linkplain
 * CommonOptions common options} anywhere, and Grakn's own command forms ({@code server export ...}).
 * Anything else that starts with {@code -} (except {@code -} itself, stdin or stdout) is an unknown
 * option and a usage error: it is never taken as an argument.
 */
final class CommandLine {

    /** Grakn's command words that prefix one of our commands: {@code grakn server export} is our {@code export}. */
    private static final Map<String, Set<String>> GRAKN_PREFIXES = Map.of("server", Set.of("export", "import", "schema"));

    private final JCommander root;
    private final CommonOptions common = new CommonOptions();
    private boolean version;
    private String commandName;

    CommandLine(List<Command> commands) {
        root = JCommander.newBuilder().programName("grakn-migrate").build();
        root.addConverterInstanceFactory(new EnumOptions());
        for (Command command : commands) root.addCommand(command);
    }

    /** The common options seen so far (also after a failed parse). */
    CommonOptions common() { return common; }

    /** Whether {@code --version} was given before any command. */
    boolean version() { return version; }

    /** The command named on the line, once known; null when none was given (or before parsing). */
    String commandName() { return commandName; }

    /** The parsed command's object, its fields filled. */
    Command command() {
        return commandName == null ? null : (Command) root.getCommands().get(commandName).getObjects().get(0);
    }

    /** The model of every command, by name, in registration order. */
    Map<String, JCommander> commands() { return root.getCommands(); }

    /**
     * Parses the arguments into the named command's fields.
     *
     * @throws UsageException for anything the user must write differently
     */
    void parse(String... args) {
        int i = 0;
        for (; i < args.length && isOption(args[i]); i++) {
            String a = args[i];
            if (a.equals("--version")) version = true;
            else if (!common.accept(a)) throw new UsageException("unknown option " + a + " (see grakn-migrate --help)");
        }
        if (i == args.length) return;
        String name = args[i++];
        Set<String> prefixed = GRAKN_PREFIXES.get(name);
        if (prefixed != null) {
            String next = i < args.length ? args[i] : null;
            if (next == null || !prefixed.contains(next)) {
                String prefix = name;
                throw new UsageException("'" + name + (next == null ? "" : " " + next) + "' is not a command: Grakn's forms are "
                        + String.join(", ", prefixed.stream().sorted().map(p -> prefix + " " + p).toList())
                        + "; no server is needed to run them (see grakn-migrate --help)");
            }
            name = args[i++];
        }
        JCommander sub = root.getCommands().get(name);
        if (sub == null) throw new UsageException(unknownCommand(name));
        commandName = name;
        List<String> normal = normalise(sub, name, Arrays.asList(args).subList(i, args.length));
        if (common.help) return;
        List<String> line = new ArrayList<>();
        line.add(name);
        line.addAll(normal);
        try {
            root.parse(line.toArray(String[]::new));
        } catch (ParameterException e) {
            throw new UsageException(ErrorMessages.oneLine(String.valueOf(e.getMessage())));
        }
    }

    /** Each option and value as jcommander takes them, the arguments after {@code --}. */
    private List<String> normalise(JCommander sub, String name, List<String> args) {
        Map<String, ParameterDescription> options = options(sub);
        List<String> out = new ArrayList<>();
        List<String> positional = new ArrayList<>();
        UsageException problem = null;
        boolean ended = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (ended || !isOption(a)) {
                positional.add(a);
                continue;
            }
            if (a.equals("--")) {
                ended = true;
                continue;
            }
            if (common.accept(a)) continue;
            int eq = a.indexOf('=');
            boolean attached = a.startsWith("--") && eq > 2;
            String option = attached ? a.substring(0, eq) : a;
            String value = attached ? a.substring(eq + 1) : null;
            ParameterDescription d = options.get(option);
            if (d == null) {
                if (problem == null) problem = new UsageException(unknownOption(option, name, options.keySet()));
                continue;
            }
            if (takesNoValue(d)) {
                if (value == null || isTrue(value)) {
                    out.add(option);
                } else if (!isFalse(value) && problem == null) {
                    problem = new UsageException(option + " takes no value, got " + a + ": write " + option + " alone");
                }
                continue;
            }
            if (value == null) {
                if (i + 1 == args.size()) {
                    if (problem == null) problem = new UsageException(option + " needs a value: " + option + " " + Usage.placeholder(d));
                    continue;
                }
                value = args.get(++i);
            }
            out.add(option);
            out.add(value);
        }
        if (common.help) return out;
        if (problem != null) throw problem;
        if (!positional.isEmpty()) {
            if (sub.getMainParameter() == null) {
                throw new UsageException(name + " takes no arguments, got " + String.join(" ", positional));
            }
            out.add("--");
            out.addAll(positional);
        }
        return out;
    }

    /** A command's options by every name they have. */
    static Map<String, ParameterDescription> options(JCommander command) {
        Map<String, ParameterDescription> options = new LinkedHashMap<>();
        for (ParameterDescription d : command.getParameters()) {
            for (String n : d.getParameter().names()) options.put(n, d);
        }
        return options;
    }

    /** A switch: present or absent, no value. */
    static boolean takesNoValue(ParameterDescription d) {
        Class<?> type = d.getParameterized().getType();
        return (type == boolean.class || type == Boolean.class) && d.getParameter().arity() <= 0;
    }

    /** Whether the argument is written as an option: {@code -x}, {@code --name}; not {@code -} alone. */
    static boolean isOption(String argument) {
        return argument.length() > 1 && argument.charAt(0) == '-';
    }

    private static boolean isTrue(String value) {
        return Set.of("true", "yes", "on", "1").contains(value.toLowerCase(Locale.ROOT));
    }

    private static boolean isFalse(String value) {
        return Set.of("false", "no", "off", "0").contains(value.toLowerCase(Locale.ROOT));
    }

    private String unknownCommand(String name) {
        List<String> known = new ArrayList<>(root.getCommands().keySet());
        String close = Suggestions.closest(name, known);
        return "unknown command " + name + (close == null ? "" : ", did you mean " + close + "?") + " (see grakn-migrate --help)";
    }

    private static String unknownOption(String option, String command, Set<String> known) {
        List<String> names = new ArrayList<>(known.stream().filter(n -> n.startsWith("--")).toList());
        String close = option.startsWith("--") ? Suggestions.closest(option, names) : null;
        return "unknown option " + option + " for " + command + (close == null ? "" : ", did you mean " + close + "?")
                + " (see grakn-migrate " + command + " --help)";
    }
}
