package io.graknmigrate.cli;

import com.beust.jcommander.JCommander;
import com.beust.jcommander.Parameter;
import com.beust.jcommander.ParameterDescription;
import com.beust.jcommander.ParametersDelegate;
import com.beust.jcommander.Parameters;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The usage texts, rendered from the commands' own option model: the one-line usage a usage error
 * prints, a command's {@code --help}, and the list of commands. Every line fits {@link #WIDTH}
 * columns.
 */
final class Usage {

    static final int WIDTH = 100;

    /** What a usage error prints when no command is known yet. */
    static final String BRIEF = "usage: grakn-migrate [-v] [-q] <command> [options] [arguments]\n"
            + "run 'grakn-migrate --help' for the commands\n";

    private Usage() { }

    /** The forms of a command after {@code grakn-migrate <name>}: its {@link Synopsis}, else its main parameter. */
    static List<String> forms(JCommander command) {
        Object object = command.getObjects().get(0);
        Synopsis synopsis = object.getClass().getAnnotation(Synopsis.class);
        if (synopsis != null) return List.of(synopsis.value());
        var main = command.getMainParameter();
        String arguments = main == null ? "" : main.getDescription().getDescription();
        boolean hasOptions = !command.getParameters().isEmpty();
        return List.of(((hasOptions ? "[options] " : "") + arguments).strip());
    }

    /** What a usage error prints after its {@code error:} line: the usage forms and where the rest is. */
    static String brief(String name, JCommander command) {
        StringBuilder sb = new StringBuilder();
        String lead = "usage: ";
        for (String form : forms(command)) {
            sb.append(wrap(lead + "grakn-migrate " + name + " " + form, "         "));
            lead = "   or: ";
        }
        sb.append("run 'grakn-migrate ").append(name).append(" --help' for the options\n");
        return sb.toString();
    }

    /** A command's {@code --help}. */
    static String help(String name, JCommander command) {
        StringBuilder sb = new StringBuilder();
        String lead = "usage: ";
        for (String form : forms(command)) {
            sb.append(wrap(lead + "grakn-migrate " + name + " " + form, "         "));
            lead = "   or: ";
        }
        String description = description(command);
        if (!description.isEmpty()) sb.append('\n').append(wrap(description, ""));
        List<String[]> rows = new ArrayList<>();
        for (ParameterDescription d : ordered(command)) {
            if (d.getParameter().hidden()) continue;
            rows.add(new String[]{label(d), d.getDescription() + choices(d)});
        }
        List<String[]> common = new ArrayList<>();
        for (int i = 0; i < CommonOptions.NAMES.size(); i++) {
            common.add(new String[]{String.join(", ", CommonOptions.NAMES.get(i)), CommonOptions.DESCRIPTIONS.get(i)});
        }
        int width = 0;
        for (String[] r : rows) width = Math.max(width, r[0].length());
        for (String[] r : common) width = Math.max(width, r[0].length());
        width = Math.min(width, 32);
        if (!rows.isEmpty()) {
            sb.append("\noptions:\n");
            table(sb, rows, width);
        }
        sb.append("\ncommon options:\n");
        table(sb, common, width);
        return sb.toString();
    }

    /**
     * A command's options in the order its classes declare them: the command's own first, then
     * those of its base classes and delegates (--data, --server ...).
     */
    static List<ParameterDescription> ordered(JCommander command) {
        List<String> order = new ArrayList<>();
        declared(command.getObjects().get(0).getClass(), order);
        List<ParameterDescription> all = new ArrayList<>(command.getParameters());
        all.sort(Comparator.comparingInt(d -> {
            int i = order.indexOf(d.getParameter().names()[0]);
            return i < 0 ? Integer.MAX_VALUE : i;
        }));
        return all;
    }

    private static void declared(Class<?> type, List<String> order) {
        List<Class<?>> delegates = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                Parameter p = f.getAnnotation(Parameter.class);
                if (p != null && p.names().length > 0) order.add(p.names()[0]);
                if (f.isAnnotationPresent(ParametersDelegate.class)) delegates.add(f.getType());
            }
            for (Method m : c.getDeclaredMethods()) {
                Parameter p = m.getAnnotation(Parameter.class);
                if (p != null && p.names().length > 0) order.add(p.names()[0]);
            }
        }
        for (Class<?> d : delegates) declared(d, order);
    }

    /** The top-level usage: the commands, Grakn's forms, the common options. */
    static String commands(Map<String, JCommander> commands) {
        StringBuilder sb = new StringBuilder("usage: grakn-migrate [-v] [-q] <command> [options] [arguments]\n\ncommands:\n");
        List<String[]> rows = new ArrayList<>();
        for (var e : commands.entrySet()) rows.add(new String[]{e.getKey(), description(e.getValue())});
        int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(8);
        table(sb, rows, width);
        sb.append("\nGrakn's own forms work too: 'grakn-migrate server export|import|schema ...' (with --no-anim),\n")
          .append("'grakn-migrate console -k KEYSPACE -f FILE ...'.\n")
          .append("common options: -v/--verbose shows stack traces, -q/--quiet hides progress bars, --version.\n")
          .append("Run 'grakn-migrate <command> --help' for a command's options; docs/cli.md has the details.\n");
        return sb.toString();
    }

    /** The option's names and its value's placeholder: {@code --data DIR}. */
    static String label(ParameterDescription d) {
        String names = String.join(", ", d.getParameter().names());
        return CommandLine.takesNoValue(d) ? names : names + " " + placeholder(d);
    }

    /** What a value looks like: the option's placeholder, the choices of an enum, else VALUE. */
    static String placeholder(ParameterDescription d) {
        String declared = d.getParameter().placeholder();
        if (declared != null && !declared.isEmpty()) return declared;
        Class<?> type = d.getParameterized().getType();
        if (type.isEnum()) return String.join("|", EnumOptions.spellings(type));
        return "VALUE";
    }

    private static String choices(ParameterDescription d) {
        Class<?> type = d.getParameterized().getType();
        if (!type.isEnum()) return "";
        Object value = d.getDefault();
        return value instanceof Enum<?> e ? " (default: " + EnumOptions.spelling(e) + ")" : "";
    }

    private static String description(JCommander command) {
        Parameters p = command.getObjects().get(0).getClass().getAnnotation(Parameters.class);
        return p == null ? "" : p.commandDescription();
    }

    private static void table(StringBuilder sb, List<String[]> rows, int width) {
        String indent = " ".repeat(width + 4);
        for (String[] r : rows) {
            String head = "  " + r[0];
            if (head.length() > width + 2) {
                sb.append(head).append('\n');
                sb.append(wrap(indent + r[1], indent));
            } else {
                sb.append(wrap(head + " ".repeat(width + 4 - head.length()) + r[1], indent));
            }
        }
    }

    /** Wraps a line at spaces to {@link #WIDTH} columns, continuation lines indented. */
    static String wrap(String text, String indent) {
        StringBuilder sb = new StringBuilder();
        String line = text;
        while (line.length() > WIDTH) {
            int cut = line.lastIndexOf(' ', WIDTH);
            if (cut <= indent.length()) cut = line.indexOf(' ', WIDTH);
            if (cut < 0) break;
            sb.append(line, 0, cut).append('\n');
            line = indent + line.substring(cut + 1).stripLeading();
        }
        return sb.append(line).append('\n').toString();
    }
}
