package com.ninebits.sms.local;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A JVM handler with the shape of {@code QuarkusStreamHandler}: constructed once at init, then
 * called per event. Its third parameter is a plain Object: the fake code has no Lambda library.
 */
public final class FakeHandler {

    public FakeHandler() {
        System.out.println("fake handler initialised");
    }

    public void handleRequest(InputStream input, OutputStream output, Object context) throws Exception {
        String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        output.write(FakeFunction.answer(event).getBytes(StandardCharsets.UTF_8));
    }
}
