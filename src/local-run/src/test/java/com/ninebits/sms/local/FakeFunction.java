package com.ninebits.sms.local;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stands in for a function in {@link LocalGatewayTest}. {@link #answer} is the function: HTTP
 * events are answered with what the test checks (the event, the environment, the pid),
 * base64-encoded; any other event is written to {@code $SMS_FAKE_RECORDS} and answered as a
 * success (the file name holds the function and the pid). {@link #main} is a custom runtime around it, as a native build's {@code bootstrap} is;
 * {@link FakeHandler} is the JVM handler around it. JDK classes only.
 */
public final class FakeFunction {

    private FakeFunction() {
    }

    public static void main(String[] args) throws Exception {
        RuntimeClient runtime = new RuntimeClient(System.getenv("AWS_LAMBDA_RUNTIME_API"));
        System.out.println("fake custom runtime polling");
        while (true) {
            RuntimeClient.Invocation invocation = runtime.next();
            runtime.respond(invocation.requestId(), answer(invocation.text()).getBytes(StandardCharsets.UTF_8));
        }
    }

    public static String answer(String event) throws Exception {
        String name = System.getenv("AWS_LAMBDA_FUNCTION_NAME");
        if (event.contains("\"version\":\"2.0\"")) {
            if (event.contains("\"rawPath\":\"/slow\"")) {
                Thread.sleep(1000);
            }
            if (event.contains("\"rawPath\":\"/fail\"")) {
                throw new IllegalStateException("asked to fail");
            }
            StringBuilder env = new StringBuilder();
            new TreeMap<>(System.getenv()).forEach((k, v) -> env.append(k).append('=').append(v).append('\n'));
            String body = "{\"function\":\"" + name + "\",\"pid\":" + ProcessHandle.current().pid()
                    + ",\"event\":\"" + base64(event) + "\",\"env\":\"" + base64(env.toString()) + "\"}";
            return "{\"statusCode\":200,\"headers\":{\"Content-Type\":\"application/json\"},"
                    + "\"isBase64Encoded\":true,\"body\":\"" + base64(body) + "\"}";
        }
        Path records = Path.of(System.getenv("SMS_FAKE_RECORDS"));
        Files.writeString(records.resolve(name + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".json"), event);
        return "{\"batchItemFailures\":[]}";
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, String> parseEnv(String lines) {
        Map<String, String> env = new TreeMap<>();
        for (String line : lines.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return env;
    }
}
