package com.ninebits.sms.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.ninebits.sms.testsupport.LocalStack;

/**
 * The whole wiring of a local run, with {@link FakeFunction} JVMs in place of the Quarkus builds:
 * processes, their environment, the fronts, the SQS mapping and the schedule, from a template.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalGatewayTest {

    private static final Path REPO = Path.of(System.getProperty(LocalStack.REPO_ROOT_PROPERTY, "../..")).toAbsolutePath().normalize();

    @TempDir
    static Path root;

    private static Path records;
    private static LocalGateway gateway;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void startWithFakeFunctions() throws Exception {
        Files.createDirectories(root.resolve("infra"));
        try (InputStream template = LocalGatewayTest.class.getResourceAsStream("/local-gateway-template.yaml")) {
            Files.copy(template, root.resolve("infra/template.yaml"));
        }
        // The local stack runs dynalite from infra/local; the repository's installation serves.
        Files.createSymbolicLink(root.resolve("infra/local"), REPO.resolve("infra/local"));
        Path jvmZip = jvmFunctionZip(root.resolve("jvm-function.zip"));
        for (String module : List.of("api-function", "event-functions")) {
            Files.copy(jvmZip, Files.createDirectories(root.resolve("src").resolve(module).resolve("target")).resolve("function.zip"));
        }
        customRuntimeZip(Files.createDirectories(root.resolve("src/dlr-function/target")).resolve("function.zip"));
        records = Files.createDirectories(root.resolve("records"));

        LocalGateway.Options options = LocalGateway.Options.fromEnvironment(Map.of("SMS_DEMO_TOKEN", "sk_demo_test"))
                .withPorts(0, 0, 0)
                .withSchedulePeriod(Duration.ofSeconds(1))
                .withOverrides(Map.of("SMS_FAKE_RECORDS", records.toString()));
        gateway = LocalGateway.start(root, options);
    }

    @AfterAll
    static void stop() throws IOException {
        if (gateway != null) {
            gateway.close();
        }
        // Removed here, as a link: the temp dir's own cleanup warns about links that leave it.
        Files.deleteIfExists(root.resolve("infra/local"));
    }

    /** Like a Quarkus JVM function.zip: the handler's classes at the root, its libraries in lib/. */
    private static Path jvmFunctionZip(Path zip) throws IOException, URISyntaxException {
        Path lib = root.resolve("fake-lib.jar");
        jar(lib, "(FakeFunction|RuntimeClient)(\\$.*)?\\.class", null);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (Path c : testClasses("FakeHandler\\.class")) {
                add(out, "com/ninebits/sms/local/" + c.getFileName(), Files.readAllBytes(c));
            }
            add(out, "lib/fake-lib.jar", Files.readAllBytes(lib));
        }
        return zip;
    }

    /** Like a Quarkus native function.zip: an executable bootstrap that polls the Runtime API itself. */
    private static void customRuntimeZip(Path zip) throws IOException, URISyntaxException {
        Path runtime = root.resolve("fake-runtime.jar");
        jar(runtime, "(FakeFunction|RuntimeClient)(\\$.*)?\\.class", FakeFunction.class.getName());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String bootstrap = "#!/bin/sh\nexec '" + java + "' -Xmx64m -jar \"$LAMBDA_TASK_ROOT/fake-runtime.jar\"\n";
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            add(out, "bootstrap", bootstrap.getBytes(StandardCharsets.UTF_8));
            add(out, "fake-runtime.jar", Files.readAllBytes(runtime));
        }
    }

    private static void jar(Path jar, String classes, String mainClass) throws IOException, URISyntaxException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (mainClass != null) {
            manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            for (Path c : testClasses(classes)) {
                add(out, "com/ninebits/sms/local/" + c.getFileName(), Files.readAllBytes(c));
            }
        }
    }

    private static List<Path> testClasses(String pattern) throws IOException, URISyntaxException {
        Path classes = Path.of(FakeFunction.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.list(classes.resolve("com/ninebits/sms/local"))) {
            return files.filter(p -> p.getFileName().toString().matches(pattern)).toList();
        }
    }

    private static void add(ZipOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(bytes);
        out.closeEntry();
    }

    private static HttpResponse<String> get(String url, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode decode(String base64) throws IOException {
        return Json.MAPPER.readTree(Base64.getDecoder().decode(base64));
    }

    private static Map<String, String> env(JsonNode answer) {
        return FakeFunction.parseEnv(new String(Base64.getDecoder().decode(answer.get("env").asText()), StandardCharsets.UTF_8));
    }

    /** The pid of a process that wrote a record: {@code <function>-<pid>-<nanos>.json}. */
    private static long pidOf(Path record) {
        return Long.parseLong(record.getFileName().toString().split("-")[1]);
    }

    private static JsonNode awaitRecord(String prefix, String containing) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(records)) {
                for (Path file : files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList()) {
                    String text = Files.readString(file);
                    if (text.contains(containing)) {
                        return Json.MAPPER.readTree(text);
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + prefix + " event containing " + containing);
    }

    @Test
    void runsEveryBuiltFunctionAndSkipsTheOthers() {
        assertEquals(List.of("ApiFunction", "DlrFunction", "WorkFunction", "BrokenFunction"), gateway.functions());
        assertThrows(IllegalStateException.class, () -> gateway.baseUrl("NotBuiltFunction"));
        assertThrows(IllegalStateException.class, () -> gateway.baseUrl("WorkFunction"));
    }

    @Test
    void servesTheApiFunctionThroughItsRoutesWithTheLambdaEnvironment() throws Exception {
        HttpResponse<String> response = get(gateway.apiBaseUrl() + "/ng/v1/account?x=1", gateway.demoToken());

        assertEquals(200, response.statusCode());
        JsonNode answer = Json.MAPPER.readTree(response.body());
        assertEquals("ApiFunction", answer.get("function").asText());
        JsonNode event = decode(answer.get("event").asText());
        assertEquals("GET /ng/v1/account", event.get("routeKey").asText());
        assertEquals("Bearer sk_demo_test", event.at("/headers/authorization").asText());
        assertEquals("1", event.at("/queryStringParameters/x").asText());

        Map<String, String> env = env(answer);
        assertEquals("ApiFunction", env.get("AWS_LAMBDA_FUNCTION_NAME"));
        assertEquals("com.ninebits.sms.local.FakeHandler::handleRequest", env.get("_HANDLER"));
        assertEquals("256", env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"));
        assertTrue(env.get("AWS_LAMBDA_RUNTIME_API").startsWith("127.0.0.1:"));
        assertEquals("sk_demo_test", env.get("SMS_DEMO_TOKEN"));
        assertEquals(gateway.adminKey(), env.get("SMS_ADMIN_KEY"));
        assertEquals(32, Base64.getDecoder().decode(env.get("SMS_SECRET_KEY")).length);
        assertEquals(gateway.dlrBaseUrl(), env.get("SMS_SMSC_DLRURL"));
        assertTrue(env.get("SMS_SMSC_DLRSECRET").startsWith("dlr_"), "the run makes a DLR secret");
        assertEquals(env.get("SMS_SMSC_DLRSECRET"), env.get("SMS_DLR_KANNELSECRET"), "the webhook checks what the dispatcher gives out");
        assertEquals(env.get("SMS_SMSC_DLRSECRET"), env.get("SMS_DLR_HTTPSECRET"));
        assertTrue(env.get("LOCAL_INSTANCE").matches("ApiFunction#[12]"), "each instance knows its label");
        assertEquals("true", env.get("SMS_DEMO_ENABLED"));
        assertEquals("true", env.get("SMS_WEBHOOK_ALLOWINSECURE"));
        assertEquals("false", env.get("SMS_SENDER_AUTOAPPROVE"));
        assertEquals("simulator", env.get("SMS_SMSC_CONNECTOR"));
        assertEquals(gateway.stack().queueUrl("WorkQueue"), env.get("SMS_QUEUE_WORK"));
        assertEquals(gateway.stack().sqsEndpoint().toString(), env.get("SMS_AWS_ENDPOINT_SQS"));
        assertEquals("us-east-1", env.get("AWS_REGION"));
        assertFalse(env.containsKey("HOME"), "the developer's environment leaked into the function");
        assertFalse(env.containsKey("QUARKUS_LAMBDA_HANDLER"), "another function's variable leaked");

        assertEquals(404, get(gateway.apiBaseUrl() + "/ng/v1/unknown", "t").statusCode());
    }

    @Test
    void anExceptionInTheHandlerIsAnInternalServerError() throws Exception {
        HttpResponse<String> response = get(gateway.apiBaseUrl() + "/fail", "t");

        assertEquals(500, response.statusCode());
        assertEquals("{\"message\":\"Internal Server Error\"}", response.body());
    }

    @Test
    void runsTwoInstancesOfAnHttpFunctionConcurrently() throws Exception {
        long started = System.nanoTime();
        CompletableFuture<HttpResponse<String>> first = HTTP.sendAsync(
                HttpRequest.newBuilder(URI.create(gateway.apiBaseUrl() + "/slow")).build(), HttpResponse.BodyHandlers.ofString());
        CompletableFuture<HttpResponse<String>> second = HTTP.sendAsync(
                HttpRequest.newBuilder(URI.create(gateway.apiBaseUrl() + "/slow")).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode a = Json.MAPPER.readTree(first.get(20, TimeUnit.SECONDS).body());
        JsonNode b = Json.MAPPER.readTree(second.get(20, TimeUnit.SECONDS).body());

        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 1900, "the slow requests ran one after the other");
        assertNotEquals(a.get("pid").asLong(), b.get("pid").asLong());
    }

    @Test
    void servesTheDlrWebhookOnItsOwnPortFromACustomRuntime() throws Exception {
        HttpResponse<String> response = get(gateway.dlrBaseUrl() + "/ng/v1/dlr/kannel?type=1&ts=1700000000", "none");

        assertEquals(200, response.statusCode());
        JsonNode answer = Json.MAPPER.readTree(response.body());
        assertEquals("DlrFunction", answer.get("function").asText());
        JsonNode event = decode(answer.get("event").asText());
        assertEquals("kannel", event.at("/pathParameters/connector").asText());
        assertEquals("ANY /ng/v1/dlr/{connector}", event.get("routeKey").asText());
        assertNotEquals(gateway.apiBaseUrl(), gateway.dlrBaseUrl());
    }

    @Test
    void feedsQueueMessagesToTheFunctionAndDeletesThem() throws Exception {
        String queueUrl = gateway.stack().queueUrl("WorkQueue");
        gateway.stack().sqs().sendMessage(b -> b.queueUrl(queueUrl).messageBody("work-item-7"));

        JsonNode event = awaitRecord("WorkFunction", "work-item-7");

        assertEquals("aws:sqs", event.at("/Records/0/eventSource").asText());
        assertEquals(gateway.stack().queueArn("WorkQueue"), event.at("/Records/0/eventSourceARN").asText());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            var attributes = gateway.stack().sqs().getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNamesWithStrings(
                    "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible")).attributesAsStrings();
            if (attributes.values().stream().allMatch("0"::equals)) {
                break;
            }
            assertTrue(System.nanoTime() < deadline, "the message was not deleted: " + attributes);
            Thread.sleep(100);
        }
    }

    @Test
    void firesSchedulesAtTheOverriddenPeriod() throws Exception {
        JsonNode event = awaitRecord("WorkFunction", "Scheduled Event");

        assertEquals("aws.events", event.get("source").asText());
        assertEquals("arn:aws:events:us-east-1:000000000000:rule/WorkFunctionTick", event.at("/resources/0").asText());
    }

    @Test
    void invokesAFunctionDirectly() {
        InvocationResult result = gateway.invoke("WorkFunction", "{\"direct\":true}");

        assertInstanceOf(InvocationResult.Answered.class, result);
        assertThrows(IllegalArgumentException.class, () -> gateway.invoke("NotBuiltFunction", "{}"));
    }

    @Test
    void bannerShowsWhatTheReadmeExamplesNeed() {
        String banner = gateway.banner();

        assertTrue(banner.contains(gateway.apiBaseUrl() + "/ng/v1/account"));
        assertTrue(banner.contains(gateway.apiBaseUrl() + "/ng/v1/sendsms"));
        assertTrue(banner.contains(gateway.dlrBaseUrl()));
        assertTrue(banner.contains(gateway.adminKey()));
        assertTrue(banner.contains("Authorization: Bearer sk_demo_test"));
        assertTrue(banner.contains("\"from\":\"myCode\""));
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void replacesAnInstanceThatDies() throws Exception {
        awaitRecord("WorkFunction", "Scheduled Event");
        long first;
        try (Stream<Path> files = Files.list(records)) {
            first = files.filter(f -> f.getFileName().toString().startsWith("WorkFunction-")).map(LocalGatewayTest::pidOf)
                    .findFirst().orElseThrow();
        }

        ProcessHandle.of(first).orElseThrow().destroyForcibly();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try (Stream<Path> files = Files.list(records)) {
                if (files.filter(f -> f.getFileName().toString().startsWith("WorkFunction-")).anyMatch(f -> pidOf(f) != first)) {
                    return;
                }
            }
            assertTrue(System.nanoTime() < deadline, "no new WorkFunction instance took the schedule's events");
            Thread.sleep(200);
        }
    }
}
