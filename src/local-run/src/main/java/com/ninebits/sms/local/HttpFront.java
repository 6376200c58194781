package com.ninebits.sms.local;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * What API Gateway is to an HTTP function: it owns the port, matches the function's routes,
 * turns each request into a payload 2.0 event and the function's answer into the response.
 */
final class HttpFront implements AutoCloseable {

    private final String functionName;
    private final List<HttpRoute> routes;
    private final Invoker function;
    private final HttpServer server;
    private final ExecutorService handlers;

    private HttpFront(String functionName, HttpServer server, List<HttpRoute> routes, Invoker function) {
        this.functionName = functionName;
        this.routes = routes.isEmpty() ? List.of(HttpRoute.catchAll()) : List.copyOf(routes);
        this.function = function;
        this.server = server;
        // Each request thread waits for its invocation, so the pool must not cap concurrent clients.
        this.handlers = Executors.newCachedThreadPool(Threads.daemon("http-" + functionName));
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
    }

    /** Binds at once (so a taken port fails the start, not the first request) and serves. */
    static HttpFront start(String functionName, InetSocketAddress address, List<HttpRoute> routes, Invoker function)
            throws IOException {
        HttpFront front = new HttpFront(functionName, HttpServer.create(address, 128), routes, function);
        front.server.start();
        return front;
    }

    int port() {
        return server.getAddress().getPort();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    String functionName() {
        return functionName;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            HttpApiEvents.FrontRequest request = new HttpApiEvents.FrontRequest(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(),
                    exchange.getProtocol(),
                    exchange.getRemoteAddress().getAddress().getHostAddress(),
                    port(),
                    exchange.getRequestHeaders(),
                    RuntimeApi.readAll(exchange.getRequestBody()));
            write(exchange, respond(request));
        }
    }

    HttpApiEvents.FrontResponse respond(HttpApiEvents.FrontRequest request) {
        Optional<HttpRoute.Match> match = HttpRoute.match(routes, request.method(), request.rawPath());
        if (match.isEmpty()) {
            return HttpApiEvents.FrontResponse.message(404, "Not Found");
        }
        byte[] event = Json.bytes(HttpApiEvents.event(request, match.get(), Instant.now()));
        InvocationResult result = function.invoke(event).join();
        if (result instanceof InvocationResult.Answered answered) {
            return HttpApiEvents.response(answered.payload());
        }
        if (result instanceof InvocationResult.Failed failed) {
            Console.warn(functionName + " failed " + request.method() + " " + request.rawPath() + ": "
                    + failed.errorType() + " " + failed.errorMessage());
            return HttpApiEvents.FrontResponse.message(500, "Internal Server Error");
        }
        return ((InvocationResult.TimedOut) result).started()
                ? HttpApiEvents.FrontResponse.message(504, "Endpoint request timed out")
                : HttpApiEvents.FrontResponse.message(503, "Service Unavailable");
    }

    private static void write(HttpExchange exchange, HttpApiEvents.FrontResponse response) throws IOException {
        var headers = exchange.getResponseHeaders();
        for (Map.Entry<String, String> header : response.headers()) {
            headers.add(header.getKey(), header.getValue());
        }
        headers.set("Apigw-Requestid", Long.toHexString(System.nanoTime()));
        boolean bodiless = exchange.getRequestMethod().equals("HEAD") || response.status() == 204
                || response.status() == 304 || response.body().length == 0;
        exchange.sendResponseHeaders(response.status(), bodiless ? -1 : response.body().length);
        if (!bodiless) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
