package com.ninebits.sms.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The function's side of the Lambda Runtime API, as Quarkus' poll loop speaks it (HttpURLConnection,
 * no read timeout on {@code next}). JDK classes only: {@link FakeFunction} runs it in its own JVM.
 */
final class RuntimeClient {

    record Invocation(String requestId, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            for (Map.Entry<String, List<String>> header : headers.entrySet()) {
                if (header.getKey() != null && header.getKey().equalsIgnoreCase(name)) {
                    return header.getValue().get(0);
                }
            }
            return null;
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final String base;

    RuntimeClient(String address) {
        this.base = "http://" + address + "/2018-06-01/runtime/";
    }

    /** Blocks until there is an event; anything but a 200 means ask again, as in Quarkus' loop. */
    Invocation next() throws IOException {
        while (true) {
            HttpURLConnection connection = (HttpURLConnection) new URL(base + "invocation/next").openConnection();
            if (connection.getResponseCode() == 200) {
                try (InputStream in = connection.getInputStream()) {
                    return new Invocation(connection.getHeaderField("Lambda-Runtime-Aws-Request-Id"),
                            connection.getHeaderFields(), in.readAllBytes());
                }
            }
            connection.disconnect();
        }
    }

    /** One poll, whatever it answers: its status. */
    int pollOnce() throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(base + "invocation/next").openConnection();
        int status = connection.getResponseCode();
        connection.disconnect();
        return status;
    }

    int respond(String requestId, byte[] payload) throws IOException {
        return post("invocation/" + requestId + "/response", payload);
    }

    int error(String requestId, String type, String message) throws IOException {
        return post("invocation/" + requestId + "/error",
                ("{\"errorType\":\"" + type + "\",\"errorMessage\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    int initError(String type, String message) throws IOException {
        return post("init/error",
                ("{\"errorType\":\"" + type + "\",\"errorMessage\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    private int post(String path, byte[] payload) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(base + path).openConnection();
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        connection.setRequestProperty("Content-Type", "application/json");
        try (OutputStream out = connection.getOutputStream()) {
            out.write(payload);
        }
        int status = connection.getResponseCode();
        try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
            if (in != null) {
                in.readAllBytes();
            }
        }
        return status;
    }
}
