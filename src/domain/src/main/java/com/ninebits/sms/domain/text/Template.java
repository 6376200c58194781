package com.ninebits.sms.domain.text;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A body with {@code ${name}} placeholders. Only names the request gives parameters for are
 * placeholders: any other {@code ${…}} is literal text, so a body that merely contains the
 * characters is sent as written. Values are inserted as they are, never read for placeholders
 * again, so a recipient's value cannot pull in another's.
 */
public final class Template {

    public static final int MAX_NAME_LENGTH = 16;
    public static final int MAX_VALUE_LENGTH = 160;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1," + MAX_NAME_LENGTH + "}");
    private static final String OPEN = "${";

    private Template() {
    }

    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** The names among {@code known} that {@code body} uses as placeholders, in order of first use. */
    public static Set<String> placeholders(String body, Set<String> known) {
        Set<String> used = new LinkedHashSet<>();
        for (int at = body.indexOf(OPEN); at >= 0; ) {
            int close = body.indexOf('}', at + OPEN.length());
            if (close < 0) {
                break;
            }
            String name = body.substring(at + OPEN.length(), close);
            if (known.contains(name)) {
                used.add(name);
                at = body.indexOf(OPEN, close + 1);
            } else {
                at = body.indexOf(OPEN, at + OPEN.length());
            }
        }
        return used;
    }

    /** The body with every placeholder named in {@code values} replaced by its value. */
    public static String render(String body, Map<String, String> values) {
        if (values.isEmpty()) {
            return body;
        }
        StringBuilder out = new StringBuilder(body.length() + 32);
        int from = 0;
        for (int at = body.indexOf(OPEN); at >= 0; ) {
            int close = body.indexOf('}', at + OPEN.length());
            if (close < 0) {
                break;
            }
            String value = values.get(body.substring(at + OPEN.length(), close));
            if (value == null) {
                // Not a placeholder: its "${" stays literal, and a placeholder may still start inside it.
                at = body.indexOf(OPEN, at + OPEN.length());
                continue;
            }
            out.append(body, from, at).append(value);
            from = close + 1;
            at = body.indexOf(OPEN, from);
        }
        return out.append(body, from, body.length()).toString();
    }
}
