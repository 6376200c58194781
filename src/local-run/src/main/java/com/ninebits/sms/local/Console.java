package com.ninebits.sms.local;

import java.io.PrintStream;

/**
 * The local run's own lines, interleaved with the functions' prefixed output on one console.
 * One lock for every writer, so that lines from concurrent processes never tear into each other.
 */
final class Console {

    private static final Object LOCK = new Object();
    private static final PrintStream OUT = System.out;

    private Console() {
    }

    static void line(String text) {
        synchronized (LOCK) {
            OUT.println(text);
            OUT.flush();
        }
    }

    static void info(String text) {
        line("[local] " + text);
    }

    static void warn(String text) {
        line("[local] WARNING " + text);
    }
}
