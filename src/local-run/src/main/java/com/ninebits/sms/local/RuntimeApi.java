package com.ninebits.sms.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The AWS Lambda Runtime API (2018-06-01) for one function: every instance of the function
 * long-polls {@code invocation/next} on it, so the instances share one queue of pending events,
 * and an instance holds one event at a time, which is Lambda's concurrency model.
 */
final class RuntimeApi implements Invoker, AutoCloseable {

    private static final String PREFIX = "/2018-06-01/runtime/";
    /** Sent by the local bootstrap with each poll: which instance asks (not part of AWS's Runtime API). */
    static final String INSTANCE_HEADER = "Lambda-Local-Instance";

    private final String functionName;
    private final String functionArn;
    private final Duration timeout;
    private final HttpServer server;
    private final ExecutorService handlers;
    private final ScheduledExecutorService timers;
    private final LinkedBlockingDeque<Pending> queue = new LinkedBlockingDeque<>();
    private final Map<String, Pending> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger waitingPollers = new AtomicInteger();
    private final AtomicLong finished = new AtomicLong();
    private final AtomicLong generation = new AtomicLong();
    private final AtomicReference<String> initError = new AtomicReference<>();
    private volatile boolean closed;
    /** Told which instance held an invocation that timed out, so that it can be replaced, as Lambda does. */
    private volatile java.util.function.Consumer<String> onTimeout = instance -> { };

    private RuntimeApi(String functionName, String functionArn, Duration timeout) throws IOException {
        this.functionName = functionName;
        this.functionArn = functionArn;
        this.timeout = timeout;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        // Unbounded on purpose: every idle instance parks a thread here in its long poll.
        this.handlers = Executors.newCachedThreadPool(Threads.daemon("runtime-api-" + functionName));
        this.timers = Executors.newSingleThreadScheduledExecutor(Threads.daemon("runtime-timeout-" + functionName));
        server.setExecutor(handlers);
        server.createContext(PREFIX, this::handle);
    }

    static RuntimeApi start(String functionName, String functionArn, Duration timeout) throws IOException {
        RuntimeApi api = new RuntimeApi(functionName, functionArn, timeout);
        api.server.start();
        return api;
    }

    /** The value for {@code AWS_LAMBDA_RUNTIME_API}. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    String functionName() {
        return functionName;
    }

    /** Instances parked in {@code invocation/next}: before any traffic, the instances that are up. */
    int waitingPollers() {
        return waitingPollers.get();
    }

    /** What an instance reported on {@code init/error}, if one did. */
    Optional<String> initError() {
        return Optional.ofNullable(initError.get());
    }

    @Override
    public CompletableFuture<InvocationResult> invoke(byte[] event) {
        Pending pending = new Pending(UUID.randomUUID().toString(), event);
        if (closed) {
            pending.result.complete(shutdown());
            return pending.result;
        }
        queue.add(pending);
        // Waiting for a free instance is bounded too, or a function whose instances all died would hang its callers.
        timers.schedule(() -> {
            if (queue.remove(pending)) {
                pending.result.complete(new InvocationResult.TimedOut(false));
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        return pending.result;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && path.equals("invocation/next")) {
                next(exchange);
            } else if (method.equals("POST") && path.equals("init/error")) {
                JsonNode error = Json.parseOrNull(readAll(exchange.getRequestBody()));
                String message = describe(error);
                initError.set(message);
                Console.warn(functionName + " reported an init error: " + message);
                accepted(exchange);
            } else if (method.equals("POST") && path.startsWith("invocation/") && path.endsWith("/response")) {
                String id = path.substring("invocation/".length(), path.length() - "/response".length());
                finish(id, new InvocationResult.Answered(readAll(exchange.getRequestBody())));
                accepted(exchange);
            } else if (method.equals("POST") && path.startsWith("invocation/") && path.endsWith("/error")) {
                String id = path.substring("invocation/".length(), path.length() - "/error".length());
                JsonNode error = Json.parseOrNull(readAll(exchange.getRequestBody()));
                String type = error != null && error.hasNonNull("errorType") ? error.get("errorType").asText()
                        : Optional.ofNullable(exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type"))
                                .orElse("Unhandled");
                String message = error != null && error.hasNonNull("errorMessage") ? error.get("errorMessage").asText() : "";
                finish(id, new InvocationResult.Failed(type, message));
                accepted(exchange);
            } else {
                send(exchange, 404, "{\"errorMessage\":\"Unknown Runtime API path\",\"errorType\":\"NotFound\"}");
            }
        }
    }

    /**
     * Sends every poll now parked back to poll again. Called when an instance died: one of the parked
     * polls may be its dead connection, and an event handed to it would be lost until its timeout.
     */
    void onTimeout(java.util.function.Consumer<String> listener) {
        this.onTimeout = listener;
    }

    void recyclePollers() {
        generation.incrementAndGet();
    }

    private void next(HttpExchange exchange) throws IOException {
        Pending pending = awaitEvent(exchange);
        if (pending == null) {
            return;
        }
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        inFlight.put(pending.id, pending);
        pending.expiry = expireLater(pending, exchange.getRequestHeaders().getFirst(INSTANCE_HEADER));
        hand(exchange, pending, deadline);
    }

    /**
     * Parks the poll until an event is queued, or answers it (and returns null) when the API shuts
     * down or the poll must be made again because an instance died meanwhile.
     */
    private Pending awaitEvent(HttpExchange exchange) throws IOException {
        Pending pending;
        long parkedIn = generation.get();
        waitingPollers.incrementAndGet();
        try {
            do {
                if (closed) {
                    send(exchange, 503, "{\"errorMessage\":\"Runtime API is shutting down\",\"errorType\":\"Shutdown\"}");
                    return null;
                }
                if (generation.get() != parkedIn) {
                    send(exchange, 500, "{\"errorMessage\":\"poll again\",\"errorType\":\"Runtime.Retry\"}");
                    return null;
                }
                pending = queue.poll(100, TimeUnit.MILLISECONDS);
                if (pending != null && generation.get() != parkedIn) {
                    queue.addFirst(pending);
                    send(exchange, 500, "{\"errorMessage\":\"poll again\",\"errorType\":\"Runtime.Retry\"}");
                    return null;
                }
            } while (pending == null);
            return pending;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            waitingPollers.decrementAndGet();
        }
    }

    /** Ends the invocation as timed out, and its instance with it, unless it is answered within the timeout. */
    private ScheduledFuture<?> expireLater(Pending taken, String instance) {
        return timers.schedule(() -> {
            if (inFlight.remove(taken.id, taken)) {
                Console.warn(functionName + " invocation " + taken.id + " timed out after " + timeout.toSeconds() + " s");
                taken.result.complete(new InvocationResult.TimedOut(true));
                if (instance != null) {
                    onTimeout.accept(instance);
                }
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Answers the poll with the event and the invocation's headers. */
    private void hand(HttpExchange exchange, Pending pending, long deadline) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", pending.id);
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(deadline));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        headers.set("Lambda-Runtime-Trace-Id", traceId());
        try {
            exchange.sendResponseHeaders(200, pending.event.length == 0 ? -1 : pending.event.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(pending.event);
            }
        } catch (IOException e) {
            // The instance went away between asking and receiving: another one gets the event.
            if (inFlight.remove(pending.id, pending)) {
                pending.expiry.cancel(false);
                queue.addFirst(pending);
            }
            throw e;
        }
    }

    private void finish(String id, InvocationResult result) {
        Pending pending = inFlight.remove(id);
        if (pending == null) {
            Console.warn(functionName + " answered invocation " + id + " after it timed out (or it was never issued)");
            return;
        }
        if (pending.expiry != null) {
            pending.expiry.cancel(false);
        }
        finished.incrementAndGet();
        pending.result.complete(result);
    }

    /** Invocations that an instance has answered (successfully or not) since the start. */
    long finishedInvocations() {
        return finished.get();
    }

    private static String describe(JsonNode error) {
        if (error == null) {
            return "(no details)";
        }
        return error.path("errorType").asText("?") + ": " + error.path("errorMessage").asText("");
    }

    private static String traceId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String epoch = Long.toHexString(System.currentTimeMillis() / 1000);
        byte[] id = new byte[12];
        random.nextBytes(id);
        byte[] parent = new byte[8];
        random.nextBytes(parent);
        HexFormat hex = HexFormat.of();
        return "Root=1-" + epoch + "-" + hex.formatHex(id) + ";Parent=" + hex.formatHex(parent) + ";Sampled=0";
    }

    private static void accepted(HttpExchange exchange) throws IOException {
        send(exchange, 202, "{\"status\":\"OK\"}");
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private static InvocationResult shutdown() {
        return new InvocationResult.Failed("LocalRun.Shutdown", "the local run is stopping");
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
        handlers.shutdownNow();
        timers.shutdownNow();
        Pending pending;
        while ((pending = queue.poll()) != null) {
            pending.result.complete(shutdown());
        }
        inFlight.values().forEach(p -> p.result.complete(shutdown()));
        inFlight.clear();
    }

    private static final class Pending {
        final String id;
        final byte[] event;
        final CompletableFuture<InvocationResult> result = new CompletableFuture<>();
        volatile ScheduledFuture<?> expiry;

        Pending(String id, byte[] event) {
            this.id = id;
            this.event = event;
        }
    }
}
