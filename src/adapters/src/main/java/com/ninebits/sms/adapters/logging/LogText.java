package com.ninebits.sms.adapters.logging;

/** Values from a queue message put into a log line. */
public final class LogText {

    private LogText() {
    }

    /** Ids come from producers: kept short and on one line, so that a log line stays one line. */
    public static String loggable(String value) {
        if (value == null) {
            return "-";
        }
        String clipped = value.length() > 80 ? value.substring(0, 80) + "…" : value;
        StringBuilder out = new StringBuilder(clipped.length());
        for (int i = 0; i < clipped.length(); i++) {
            char c = clipped.charAt(i);
            out.append(Character.isISOControl(c) || Character.isWhitespace(c) ? '_' : c);
        }
        return out.toString();
    }
}
