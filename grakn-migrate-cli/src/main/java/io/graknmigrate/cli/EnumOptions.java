package io.graknmigrate.cli;

import com.beust.jcommander.IStringConverter;
import com.beust.jcommander.IStringConverterInstanceFactory;
import com.beust.jcommander.Parameter;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Options typed as an enum: spelled in lowercase with '-' for '_' ({@code --to jsonl},
 * {@code --attribute-owners rehome}); an unambiguous prefix is enough; anything else is a usage
 * error listing the choices. Usage and completion list the same spellings.
 */
final class EnumOptions implements IStringConverterInstanceFactory {

    @Override
    public IStringConverter<?> getConverterInstance(Parameter parameter, Class<?> forType, String optionName) {
        if (!forType.isEnum()) return null;
        return value -> parse(forType, optionName, value);
    }

    /** The spelling of one constant on the command line. */
    static String spelling(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Every spelling of an enum type, in declaration order. */
    static List<String> spellings(Class<?> type) {
        return Arrays.stream(type.getEnumConstants()).map(c -> spelling((Enum<?>) c)).toList();
    }

    static Object parse(Class<?> type, String option, String value) {
        String wanted = value.toLowerCase(Locale.ROOT).replace('_', '-');
        List<?> prefixed = Arrays.stream(type.getEnumConstants())
                .filter(c -> spelling((Enum<?>) c).startsWith(wanted) && !wanted.isEmpty()).toList();
        for (Object c : prefixed) if (spelling((Enum<?>) c).equals(wanted)) return c;
        if (prefixed.size() == 1) return prefixed.get(0);
        throw new UsageException(option + " is '" + value + "', give " + choices(type));
    }

    /** "a, b or c". */
    static String choices(Class<?> type) {
        List<String> s = spellings(type);
        if (s.size() == 1) return s.get(0);
        return s.subList(0, s.size() - 1).stream().collect(Collectors.joining(", ")) + " or " + s.get(s.size() - 1);
    }
}
