package com.ninebits.sms.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class RuntimeApiTest {

    private static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:ApiFunction";

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
    }

    private RuntimeApi runtime(Duration timeout) throws IOException {
        RuntimeApi runtime = RuntimeApi.start("ApiFunction", ARN, timeout);
        open.add(runtime);
        return runtime;
    }

    private HttpFront front(RuntimeApi runtime, List<HttpRoute> routes) throws IOException {
        HttpFront front = HttpFront.start("ApiFunction", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                routes, runtime);
        open.add(front);
        return front;
    }

    /** A function instance on a thread: takes one event and lets the test decide what it does with it. */
    private static Thread instance(RuntimeApi runtime, ThrowingConsumer<RuntimeClient.Invocation> behaviour) {
        Thread thread = new Thread(() -> {
            try {
                behaviour.accept(new RuntimeClient(runtime.address()).next());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    interface ThrowingConsumer<T> {
        void accept(T value) throws Exception;
    }

    private HttpResponse<String> get(HttpFront front, String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(front.baseUrl() + pathAndQuery))
                .header("X-Test", "yes").timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitPollers(RuntimeApi runtime, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (runtime.waitingPollers() < count) {
            assertTrue(System.nanoTime() < deadline, "pollers never arrived");
            Thread.sleep(10);
        }
    }

    @Test
    void httpFrontReturnsWhatTheFunctionAnswered() throws Exception {
        RuntimeApi runtime = runtime(Duration.ofSeconds(10));
        HttpFront front = front(runtime, List.of(new HttpRoute("GET", "/ng/v1/sendsms/status/{reference_id}")));
        CompletableFuture<RuntimeClient.Invocation> seen = new CompletableFuture<>();
        instance(runtime, invocation -> {
            seen.complete(invocation);
            JsonNode event = Json.MAPPER.readTree(invocation.body());
            String answer = "{\"statusCode\":201,\"headers\":{\"Content-Type\":\"application/json\",\"X-Route\":\""
                    + event.get("routeKey").asText() + "\"},\"cookies\":[\"c=1\"],\"body\":\"{\\\"ref\\\":\\\""
                    + event.at("/pathParameters/reference_id").asText() + "\\\"}\"}";
            assertEquals(202, new RuntimeClient(runtime.address()).respond(invocation.requestId(),
                    answer.getBytes(StandardCharsets.UTF_8)));
        });

        HttpResponse<String> response = get(front, "/ng/v1/sendsms/status/ref-42?page_size=5");

        assertEquals(201, response.statusCode());
        assertEquals("{\"ref\":\"ref-42\"}", response.body());
        assertEquals("GET /ng/v1/sendsms/status/{reference_id}", response.headers().firstValue("X-Route").orElseThrow());
        assertEquals("c=1", response.headers().firstValue("Set-Cookie").orElseThrow());

        RuntimeClient.Invocation invocation = seen.get(5, TimeUnit.SECONDS);
        assertNotNull(invocation.requestId());
        assertEquals(ARN, invocation.header("Lambda-Runtime-Invoked-Function-Arn"));
        assertTrue(invocation.header("Lambda-Runtime-Trace-Id").startsWith("Root=1-"));
        long deadline = Long.parseLong(invocation.header("Lambda-Runtime-Deadline-Ms"));
        assertTrue(deadline > System.currentTimeMillis() && deadline <= System.currentTimeMillis() + 10_000);
        JsonNode event = Json.MAPPER.readTree(invocation.body());
        assertEquals("page_size=5", event.get("rawQueryString").asText());
        assertEquals("yes", event.at("/headers/x-test").asText());
    }

    @Test
    void functionErrorBecomesInternalServerError() throws Exception {
        RuntimeApi runtime = runtime(Duration.ofSeconds(10));
        HttpFront front = front(runtime, List.of());
        instance(runtime, invocation -> assertEquals(202,
                new RuntimeClient(runtime.address()).error(invocation.requestId(), "java.lang.IllegalStateException", "boom")));

        HttpResponse<String> response = get(front, "/anything");

        assertEquals(500, response.statusCode());
        assertEquals("{\"message\":\"Internal Server Error\"}", response.body());
    }

    @Test
    void functionThatNeverAnswersTimesOutAsGatewayTimeout() throws Exception {
        RuntimeApi runtime = runtime(Duration.ofSeconds(1));
        HttpFront front = front(runtime, List.of());
        CompletableFuture<String> taken = new CompletableFuture<>();
        instance(runtime, invocation -> taken.complete(invocation.requestId()));

        HttpResponse<String> response = get(front, "/slow");

        assertEquals(504, response.statusCode());
        // A late answer is accepted and dropped, as the instance cannot know it was too late.
        assertEquals(202, new RuntimeClient(runtime.address()).respond(taken.get(1, TimeUnit.SECONDS), new byte[0]));
    }

    @Test
    void noFreeInstanceWithinTheTimeoutIsServiceUnavailable() throws Exception {
        RuntimeApi runtime = runtime(Duration.ofMillis(500));
        HttpFront front = front(runtime, List.of());

        assertEquals(503, get(front, "/nobody-home").statusCode());
        assertEquals(0, runtime.waitingPollers());
    }

    @Test
    void unknownRouteIsNotFoundWithoutInvoking() throws Exception {
        RuntimeApi runtime = runtime(Duration.ofMillis(500));
        HttpFront front = front(runtime, List.of(new HttpRoute("POST", "/ng/v1/sendsms")));

        HttpResponse<String> response = get(front, "/ng/v1/sendsms");

        assertEquals(404, response.statusCode());
        assertEquals("{\"message\":\"Not Found\"}", response.body());
    }

    @Test
    void instancesShareOneQueueAndEachHoldsOneEventAtATime() throws Exception {
        RuntimeApi runtime = runtime(Duration.ofSeconds(10));
        List<String> handledBy = new CopyOnWriteArrayList<>();
        for (String name : List.of("one", "two")) {
            instance(runtime, invocation -> {
                handledBy.add(name);
                Thread.sleep(300);
                new RuntimeClient(runtime.address()).respond(invocation.requestId(), ("\"" + name + "\"").getBytes(StandardCharsets.UTF_8));
            });
        }
        awaitPollers(runtime, 2);

        long started = System.nanoTime();
        CompletableFuture<InvocationResult> first = runtime.invoke("{}".getBytes(StandardCharsets.UTF_8));
        CompletableFuture<InvocationResult> second = runtime.invoke("{}".getBytes(StandardCharsets.UTF_8));
        InvocationResult a = first.get(5, TimeUnit.SECONDS);
        InvocationResult b = second.get(5, TimeUnit.SECONDS);

        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 550, "the two ran one after the other");
        assertEquals(List.of("one", "two"), handledBy.stream().sorted().toList());
        assertInstanceOf(InvocationResult.Answered.class, a);
        assertInstanceOf(InvocationResult.Answered.class, b);
        assertTrue(List.of("\"one\"", "\"two\"").contains(((InvocationResult.Answered) a).text()));
    }

    @Test
    void recycledPollsAreToldToPollAgainAndTheEventGoesToALiveOne() throws Exception {
        RuntimeApi runtime = runtime(Duration.ofSeconds(10));
        CompletableFuture<Integer> ghost = CompletableFuture.supplyAsync(() -> {
            try {
                return new RuntimeClient(runtime.address()).pollOnce();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        awaitPollers(runtime, 1);

        runtime.recyclePollers();

        assertEquals(500, ghost.get(5, TimeUnit.SECONDS));
        instance(runtime, invocation -> new RuntimeClient(runtime.address()).respond(invocation.requestId(),
                "\"live\"".getBytes(StandardCharsets.UTF_8)));
        InvocationResult result = runtime.invoke("{}".getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS);
        assertEquals("\"live\"", ((InvocationResult.Answered) result).text());
    }

    @Test
    void initErrorIsKept() throws Exception {
        RuntimeApi runtime = runtime(Duration.ofSeconds(1));

        assertEquals(202, new RuntimeClient(runtime.address()).initError("java.lang.RuntimeException", "no table"));

        assertEquals("java.lang.RuntimeException: no table", runtime.initError().orElseThrow());
    }

    @Test
    void closingCompletesWhatIsStillPending() throws Exception {
        RuntimeApi runtime = runtime(Duration.ofSeconds(30));
        CompletableFuture<InvocationResult> pending = runtime.invoke("{}".getBytes(StandardCharsets.UTF_8));

        runtime.close();

        assertInstanceOf(InvocationResult.Failed.class, pending.get(1, TimeUnit.SECONDS));
    }
}
