package dev.hydra.app.logging;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes secrets from text before it is written to a log: bearer tokens, Authorization headers, password/token/
 * API-key assignments, and credentials in URLs. A log line keeps its shape; only the secret becomes "***".
 */
public final class Redaction {

    private static final List<Rule> RULES = List.of(
            new Rule("(?i)(authorization\\s*[:=]\\s*(?:bearer|basic|token)?\\s*)[^\\s,;\"']+", "$1***"),
            new Rule("(?i)\\b(bearer\\s+)[A-Za-z0-9._~+/=-]{8,}", "$1***"),
            new Rule("(?i)\\b(password|passwd|pwd|token|api[_-]?key|secret|access[_-]?key)([\"']?\\s*[:=]\\s*[\"']?)"
                    + "[^\\s,;&\"'}]+", "$1$2***"),
            new Rule("(://[^:/@\\s]+:)[^@/\\s]+@", "$1***@"));

    private Redaction() {
    }

    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (Rule rule : RULES) {
            result = rule.pattern.matcher(result).replaceAll(rule.replacement);
        }
        return result;
    }

    private record Rule(Pattern pattern, String replacement) {
        Rule(String regex, String replacement) {
            this(Pattern.compile(regex), replacement);
        }
    }
}
