package com.ninebits.sms.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What a function writes to stdout while the capture is open, still passed on to the real stdout:
 * in Lambda that stream is the log, and EMF lines are read from it. Not for parallel tests.
 */
public final class StdoutCapture implements AutoCloseable {

    private final PrintStream original = System.out;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    private StdoutCapture() {
        OutputStream tee = new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (captured) {
                    captured.write(b);
                }
                original.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (captured) {
                    captured.write(b, off, len);
                }
                original.write(b, off, len);
            }
        };
        System.setOut(new PrintStream(tee, true, StandardCharsets.UTF_8));
    }

    public static StdoutCapture start() {
        return new StdoutCapture();
    }

    public String text() {
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8);
        }
    }

    /** The Embedded Metric Format lines written so far. */
    public List<String> emfLines() {
        return text().lines().filter(l -> l.startsWith("{") && l.contains("\"_aws\"")).toList();
    }

    @Override
    public void close() {
        System.out.flush();
        System.setOut(original);
    }
}
