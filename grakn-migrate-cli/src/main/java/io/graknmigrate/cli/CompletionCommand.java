package io.graknmigrate.cli;

import com.beust.jcommander.JCommander;
import com.beust.jcommander.Parameter;
import com.beust.jcommander.ParameterDescription;
import com.beust.jcommander.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code completion bash|zsh}: a shell completion script generated from the commands' own option
 * model, so it knows every command and option there is: command names, each command's options,
 * the values of enum options, keyspace names from the data directory, directories for DIR options,
 * files otherwise.
 */
@Parameters(commandNames = "completion", commandDescription = "Print a bash or zsh completion script: "
        + "source <(grakn-migrate completion bash)")
@Synopsis("bash|zsh")
final class CompletionCommand implements Command {

    /** The shells a script is written for. */
    enum Shell { BASH, ZSH }

    @Parameter(description = "bash|zsh")
    List<String> args = new ArrayList<>();

    @Override
    public int run(CommandContext ctx) {
        if (args.size() != 1) throw new UsageException("give the shell: grakn-migrate completion bash (or zsh)");
        Shell shell = (Shell) EnumOptions.parse(Shell.class, "the shell", args.get(0));
        String bash = bash(new CommandLine(Main.commands()).commands());
        ctx.out().print(shell == Shell.BASH ? bash
                : "# grakn-migrate completion for zsh (through its bash completion support): source <(grakn-migrate completion zsh)\n"
                + "autoload -U +X bashcompinit && bashcompinit\n" + bash);
        return 0;
    }

    /** The bash script for these commands. */
    static String bash(Map<String, JCommander> commands) {
        StringBuilder sb = new StringBuilder();
        sb.append("# grakn-migrate completion for bash: source <(grakn-migrate completion bash)\n")
          .append("# Generated from grakn-migrate's commands and options; regenerate after an upgrade.\n")
          .append("_grakn_migrate_keyspaces() {\n")
          .append("  local dir=\"${GRAKN_MIGRATE_DATA:-}\" i\n")
          .append("  for ((i = 1; i < ${#COMP_WORDS[@]} - 1; i++)); do\n")
          .append("    case \"${COMP_WORDS[i]}\" in --data) dir=\"${COMP_WORDS[i+1]}\" ;; --data=*) dir=\"${COMP_WORDS[i]#--data=}\" ;; esac\n")
          .append("  done\n")
          .append("  if [ -z \"$dir\" ]; then\n")
          .append("    case \"${XDG_DATA_HOME:-}\" in /*) dir=\"$XDG_DATA_HOME/grakn-migrate\" ;; *) dir=\"$HOME/.local/share/grakn-migrate\" ;; esac\n")
          .append("  fi\n")
          .append("  local f\n")
          .append("  for f in \"$dir\"/*.sqlite; do [ -e \"$f\" ] && f=\"${f##*/}\" && echo \"${f%.sqlite}\"; done\n")
          .append("}\n\n")
          .append("_grakn_migrate() {\n")
          .append("  local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"${COMP_WORDS[COMP_CWORD-1]}\" cmd=\"\" i positional=0\n")
          .append("  for ((i = 1; i < COMP_CWORD; i++)); do\n")
          .append("    case \"${COMP_WORDS[i]}\" in\n")
          .append("      -*) ;;\n")
          .append("      server) ;;\n")
          .append("      *) if [ -z \"$cmd\" ]; then cmd=\"${COMP_WORDS[i]}\"; else positional=$((positional + 1)); fi ;;\n")
          .append("    esac\n")
          .append("  done\n")
          .append("  if [ -z \"$cmd\" ]; then\n")
          .append("    COMPREPLY=($(compgen -W \"").append(String.join(" ", commands.keySet()))
          .append(" server -v --verbose -q --quiet -h --help --version\" -- \"$cur\"))\n")
          .append("    return\n")
          .append("  fi\n")
          .append("  local opts=\"\" values=\"\" keyspace=0\n")
          .append("  case \"$cmd\" in\n");
        for (var e : commands.entrySet()) {
            TreeSet<String> names = new TreeSet<>();
            List<String> valueCases = new ArrayList<>();
            for (ParameterDescription d : e.getValue().getParameters()) {
                String[] all = d.getParameter().names();
                for (String n : all) names.add(n);
                if (CommandLine.takesNoValue(d)) continue;
                Class<?> type = d.getParameterized().getType();
                String pattern = String.join("|", all);
                if (type.isEnum()) valueCases.add(pattern + ") values=\"" + String.join(" ", EnumOptions.spellings(type)) + "\" ;;");
                else if (Usage.placeholder(d).equals("DIR")) valueCases.add(pattern + ") values=\"-d\" ;;");
                else if (Usage.placeholder(d).equals("KEYSPACE")) valueCases.add(pattern + ") values=\"-k\" ;;");
                else valueCases.add(pattern + ") values=\"-f\" ;;");
            }
            for (List<String> common : CommonOptions.NAMES) names.addAll(common);
            boolean keyspaces = e.getValue().getObjects().get(0) instanceof KeyspaceCommand
                    && e.getValue().getMainParameter() != null;
            sb.append("    ").append(e.getKey()).append(")\n")
              .append("      opts=\"").append(String.join(" ", names)).append("\"\n")
              .append(keyspaces ? "      keyspace=1\n" : "")
              .append(e.getValue().getObjects().get(0) instanceof CompletionCommand ? "      [ \"$positional\" -eq 0 ] && values=\"bash zsh\"\n" : "")
              .append("      case \"$prev\" in\n");
            for (String c : valueCases) sb.append("        ").append(c).append('\n');
            sb.append("      esac ;;\n");
        }
        sb.append("  esac\n")
          .append("  case \"$values\" in\n")
          .append("    -d) COMPREPLY=($(compgen -d -- \"$cur\")); return ;;\n")
          .append("    -f) COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n")
          .append("    -k) COMPREPLY=($(compgen -W \"$(_grakn_migrate_keyspaces)\" -- \"$cur\")); return ;;\n")
          .append("    ?*) COMPREPLY=($(compgen -W \"$values\" -- \"$cur\")); return ;;\n")
          .append("  esac\n")
          .append("  if [[ \"$cur\" == -* ]]; then\n")
          .append("    COMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n")
          .append("  elif [ \"$keyspace\" -eq 1 ] && [ \"$positional\" -eq 0 ]; then\n")
          .append("    COMPREPLY=($(compgen -W \"$(_grakn_migrate_keyspaces)\" -- \"$cur\"))\n")
          .append("  else\n")
          .append("    COMPREPLY=($(compgen -f -- \"$cur\"))\n")
          .append("  fi\n")
          .append("}\n")
          .append("complete -o default -o filenames -F _grakn_migrate grakn-migrate\n");
        return sb.toString();
    }
}
