package io.resetflow.notifier.email;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tenant's template text: literal text and {@code {{placeholder}}} slots (whitespace inside the braces allowed).
 * Parsing refuses unknown names and stray braces, so a parsed template always renders. Values go through an escaper
 * (HTML escaping for the HTML part); the template's own text is the tenant's and is kept as written.
 */
final class TemplateText {

    private static final Pattern SLOT = Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9]*)\\s*}}");

    private final List<String> literals;
    private final List<String> names;

    private TemplateText(List<String> literals, List<String> names) {
        this.literals = literals;
        this.names = names;
    }

    /** @throws IllegalArgumentException naming the part ({@code what}) and the problem */
    static TemplateText parse(String what, String source, Set<String> allowed) {
        List<String> literals = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Matcher matcher = SLOT.matcher(source);
        int at = 0;
        while (matcher.find()) {
            String literal = source.substring(at, matcher.start());
            checkLiteral(what, literal);
            String name = matcher.group(1);
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException(what + ": unknown placeholder {{" + name + "}}; allowed here: "
                        + braces(allowed));
            }
            literals.add(literal);
            names.add(name);
            at = matcher.end();
        }
        String tail = source.substring(at);
        checkLiteral(what, tail);
        literals.add(tail);
        return new TemplateText(literals, names);
    }

    private static void checkLiteral(String what, String literal) {
        if (literal.contains("{{") || literal.contains("}}")) {
            throw new IllegalArgumentException(what + ": malformed placeholder near \""
                    + excerpt(literal, literal.contains("{{") ? literal.indexOf("{{") : literal.indexOf("}}"))
                    + "\"; write placeholders as {{name}}");
        }
    }

    private static String excerpt(String text, int at) {
        return text.substring(Math.max(0, at - 10), Math.min(text.length(), at + 20)).replaceAll("\\s+", " ");
    }

    static String braces(Set<String> names) {
        return new TreeSet<>(names).stream().map(n -> "{{" + n + "}}").reduce((a, b) -> a + ", " + b).orElse("none");
    }

    boolean uses(String name) {
        return names.contains(name);
    }

    String render(Map<String, String> values, UnaryOperator<String> escape) {
        StringBuilder out = new StringBuilder(literals.get(0));
        for (int i = 0; i < names.size(); i++) {
            String value = values.get(names.get(i));
            if (value == null) {
                throw new IllegalStateException("no value for {{" + names.get(i) + "}}");
            }
            out.append(escape.apply(value)).append(literals.get(i + 1));
        }
        return out.toString();
    }
}
