package com.ninebits.sms.local;

import com.ninebits.sms.testsupport.CallbackSignatures;
import com.ninebits.sms.testsupport.OperatorApi;
import com.ninebits.sms.testsupport.TestAccount;
import com.sinch.xms.ApiConnection;
import com.sinch.xms.BatchDeliveryReportParams;
import com.sinch.xms.BatchFilter;
import com.sinch.xms.ApiObjectMapper;
import com.sinch.xms.ErrorResponseException;
import com.sinch.xms.NotFoundException;
import com.sinch.xms.UnauthorizedException;
import com.sinch.xms.api.BatchDeliveryReport;
import com.sinch.xms.api.BatchId;
import com.sinch.xms.api.DeliveryStatus;
import com.sinch.xms.api.MtBatchDryRunResult;
import com.sinch.xms.api.MtBatchSmsResult;
import com.sinch.xms.api.MtBatchTextSmsCreate;
import com.sinch.xms.api.MtBatchTextSmsResult;
import com.sinch.xms.api.ParameterValues;
import com.sinch.xms.api.RecipientDeliveryReport;
import com.sinch.xms.api.ReportType;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sinch's own published SDKs, Java ({@code com.sinch:sdk-sms}) and Node ({@code @sinch/sms}, run
 * with {@code node} from {@code sinch-node/}), against the whole local run with the SMSC
 * simulator: each creates a batch, fetches it, and is told of every recipient's
 * {@code Delivered} in Sinch's callback shape, signed as every callback of the gateway is; each
 * also sends with parameters, dry-runs, lists, reads delivery reports and cancels a scheduled
 * batch; the
 * SDKs' own classes read the answers and the callbacks, so a field they need and miss fails here.
 */
class SinchSdkTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final ApiObjectMapper SINCH_JSON = new ApiObjectMapper();

    private static LocalGateway gateway;
    private static HttpServer receiver;
    private static final List<Post> POSTS = Collections.synchronizedList(new ArrayList<>());

    record Post(String signature, String body) {
    }

    @BeforeAll
    static void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            POSTS.add(new Post(exchange.getRequestHeaders().getFirst("X-Signature"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        LocalGateway.Options options = LocalGateway.Options.fromEnvironment(Map.of())
                .withPorts(0, 0, 0)
                .withHttpInstances(1);
        gateway = LocalGateway.start(repoRoot(), options);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    private static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("infra/template.yaml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no infra/template.yaml above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    private static String hookUrl() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    private static TestAccount.Opened customer() {
        return OperatorApi.open(gateway.apiBaseUrl(), gateway.adminKey(),
                TestAccount.withBalance(100).rateLimit(50).webhook(hookUrl()));
    }

    private static ApiConnection sinch(String servicePlanId, String token) {
        return ApiConnection.builder().servicePlanId(servicePlanId).token(token)
                .endpoint(gateway.apiBaseUrl() + "/xms").start();
    }

    private static void await(String what, BooleanSupplier done) throws InterruptedException {
        long until = System.nanoTime() + PATIENCE.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError(what + " did not happen within " + PATIENCE);
            }
            Thread.sleep(250);
        }
    }

    private static List<Post> postsOf(String batchId) {
        synchronized (POSTS) {
            return POSTS.stream().filter(p -> p.body().contains("\"batch_id\":\"" + batchId + "\"")).toList();
        }
    }

    private static RecipientDeliveryReport recipientReport(Post p) {
        try {
            return SINCH_JSON.readValue(p.body(), RecipientDeliveryReport.class);
        } catch (IOException e) {
            throw new AssertionError("the SDK cannot read the callback " + p.body(), e);
        }
    }

    @Test
    void javaSdkSendsFetchesAndIsToldOfEveryDeliveryInSinchsShape() throws Exception {
        TestAccount.Opened c = customer();
        List<String> to = List.of("+2348021100001", "+2348021100002");
        try (ApiConnection api = sinch(c.accountId(), c.apiToken())) {
            MtBatchTextSmsResult sent = api.createBatch(MtBatchTextSmsCreate.builder()
                    .sender(TestAccount.SENDER).addAllRecipients(to).body("Hello from the Java SDK")
                    .deliveryReport(ReportType.PER_RECIPIENT).callbackUrl(URI.create(hookUrl()))
                    .clientReference("java-1").build());
            assertFalse(sent.canceled());
            assertEquals(ReportType.PER_RECIPIENT, sent.deliveryReport());
            assertEquals("java-1", sent.clientReference());
            assertNotNull(sent.createdAt());
            assertEquals(Set.of("2348021100001", "2348021100002"), new TreeSet<>(sent.recipients()));

            MtBatchSmsResult fetched = api.fetchBatch(sent.id());
            assertTrue(fetched instanceof MtBatchTextSmsResult, fetched.getClass().getName());
            assertEquals("Hello from the Java SDK", ((MtBatchTextSmsResult) fetched).body());
            assertEquals(sent.createdAt().toInstant(), fetched.createdAt().toInstant());

            String id = sent.id().toString();
            await("Delivered told for every recipient", () -> postsOf(id).stream().map(SinchSdkTest::recipientReport)
                    .filter(r -> r.status().equals(DeliveryStatus.DELIVERED)).map(RecipientDeliveryReport::recipient)
                    .collect(Collectors.toSet()).size() == to.size());
            for (Post p : postsOf(id)) {
                CallbackSignatures.assertValid(p.signature(), c.webhookSecret(), p.body());
                RecipientDeliveryReport r = recipientReport(p);
                assertEquals(sent.id(), r.batchId());
                assertEquals("java-1", r.clientReference());
                assertEquals(r.status().equals(DeliveryStatus.DELIVERED) ? 0 : 401, r.code(), p.body());
                assertNotNull(r.at());
            }
        }
    }

    @Test
    void javaSdkGetsOneFullOrSummaryReportOnceTheBatchIsFinal() throws Exception {
        TestAccount.Opened c = customer();
        try (ApiConnection api = sinch(c.accountId(), c.apiToken())) {
            MtBatchTextSmsResult sent = api.createBatch(MtBatchTextSmsCreate.builder()
                    .sender(TestAccount.SENDER).addRecipient("2348021100003", "2348021100004").body("Full report")
                    .deliveryReport(ReportType.FULL).callbackUrl(URI.create(hookUrl())).build());
            MtBatchTextSmsResult summarised = api.createBatch(MtBatchTextSmsCreate.builder()
                    .sender(TestAccount.SENDER).addRecipient("2348021100008").body("Summary report")
                    .deliveryReport(ReportType.SUMMARY).callbackUrl(URI.create(hookUrl())).clientReference("sum-1").build());
            String id = sent.id().toString();
            await("the batch's report", () -> !postsOf(id).isEmpty());
            await("the summary", () -> !postsOf(summarised.id().toString()).isEmpty());
            BatchDeliveryReport summary = SINCH_JSON.readValue(postsOf(summarised.id().toString()).get(0).body(),
                    BatchDeliveryReport.class);
            assertEquals(1, summary.totalMessageCount());
            assertEquals("sum-1", summary.clientReference());
            assertEquals(DeliveryStatus.DELIVERED, summary.statuses().get(0).status());
            assertEquals(1, summary.statuses().get(0).count());
            assertTrue(summary.statuses().get(0).recipients().isEmpty(), "a summary names no recipients");
            Post post = postsOf(id).get(0);
            CallbackSignatures.assertValid(post.signature(), c.webhookSecret(), post.body());
            BatchDeliveryReport report = SINCH_JSON.readValue(post.body(), BatchDeliveryReport.class);
            assertEquals(sent.id(), report.batchId());
            assertEquals(2, report.totalMessageCount());
            assertEquals(1, report.statuses().size(), post.body());
            BatchDeliveryReport.Status delivered = report.statuses().get(0);
            assertEquals(DeliveryStatus.DELIVERED, delivered.status());
            assertEquals(0, delivered.code());
            assertEquals(2, delivered.count());
            assertEquals(Set.of("2348021100003", "2348021100004"), new TreeSet<>(delivered.recipients()));
            // Only the batch's report: no per-recipient one for a full subscription.
            Thread.sleep(1000);
            assertTrue(postsOf(id).stream().noneMatch(p -> p.body().contains("recipient_delivery_report_sms")));
        }
    }

    @Test
    void javaSdkSendsWithParametersDryRunsListsReadsReportsAndCancels() throws Exception {
        TestAccount.Opened c = customer();
        try (ApiConnection api = sinch(c.accountId(), c.apiToken())) {
            MtBatchTextSmsCreate templated = MtBatchTextSmsCreate.builder().sender(TestAccount.SENDER)
                    .addRecipient("2348021100011", "2348021100012").body("Hi ${name}")
                    .putParameter("name", ParameterValues.builder().putSubstitution("2348021100011", "Ada")
                            .defaultValue("friend").build())
                    .clientReference("java-2").build();
            MtBatchDryRunResult dry = api.createBatchDryRun(templated, true, 10);
            assertEquals(2, dry.numberOfRecipients());
            assertEquals(2, dry.numberOfMessages());
            assertEquals(Set.of("Hi Ada", "Hi friend"), dry.perRecipient().stream()
                    .map(MtBatchDryRunResult.PerRecipient::body).collect(Collectors.toSet()));
            assertEquals("GSM", dry.perRecipient().get(0).encoding());

            MtBatchTextSmsResult sent = api.createBatch(templated);
            assertEquals("Hi ${name}", ((MtBatchTextSmsResult) api.fetchBatch(sent.id())).body());
            MtBatchTextSmsResult later = api.createBatch(MtBatchTextSmsCreate.builder().sender(TestAccount.SENDER)
                    .addRecipient("2348021100013").body("Tomorrow").sendAt(OffsetDateTime.now().plusDays(1)).build());

            List<MtBatchSmsResult> listed = new ArrayList<>();
            api.fetchBatches(BatchFilter.builder().pageSize(1).build()).elements().forEach(listed::add);
            assertEquals(List.of(later.id(), sent.id()), listed.stream().map(MtBatchSmsResult::id).toList());
            List<MtBatchSmsResult> byReference = new ArrayList<>();
            api.fetchBatches(BatchFilter.builder().clientReference("java-2").build()).elements().forEach(byReference::add);
            assertEquals(List.of(sent.id()), byReference.stream().map(MtBatchSmsResult::id).toList());

            await("both delivered", () -> delivered(api, sent.id()) == 2);
            BatchDeliveryReport full = api.fetchDeliveryReport(sent.id(), BatchDeliveryReportParams.builder()
                    .fullReport().build());
            assertEquals(2, full.totalMessageCount());
            assertEquals("java-2", full.clientReference());
            assertEquals(Set.of("2348021100011", "2348021100012"), new TreeSet<>(full.statuses().get(0).recipients()));
            RecipientDeliveryReport one = api.fetchDeliveryReport(sent.id(), "2348021100012");
            assertEquals(DeliveryStatus.DELIVERED, one.status());
            assertEquals(0, one.code());
            assertEquals("2348021100012", one.recipient());
            assertNotNull(one.at());
            assertThrows(NotFoundException.class, () -> api.fetchDeliveryReport(sent.id(), "2348021100099"));

            MtBatchSmsResult cancelled = api.cancelBatch(later.id());
            assertTrue(cancelled.canceled());
            BatchDeliveryReport after = api.fetchDeliveryReport(later.id(), BatchDeliveryReportParams.builder()
                    .addStatus(DeliveryStatus.of("Cancelled")).build());
            assertEquals(1, after.statuses().size());
            assertEquals(407, after.statuses().get(0).code());
            assertTrue(api.fetchBatch(later.id()).canceled());
        }
    }

    /** How many of the batch's messages its summary report counts as delivered. */
    private static int delivered(ApiConnection api, BatchId id) {
        try {
            return api.fetchDeliveryReport(id, BatchDeliveryReportParams.builder().summaryReport().build())
                    .statuses().stream().filter(s -> s.status().equals(DeliveryStatus.DELIVERED))
                    .mapToInt(BatchDeliveryReport.Status::count).sum();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void javaSdkReadsTheGatewaysRefusalsAsSinchsOwn() throws Exception {
        TestAccount.Opened c = customer();
        try (ApiConnection api = sinch(c.accountId(), c.apiToken())) {
            ErrorResponseException invalid = assertThrows(ErrorResponseException.class, () -> api.createBatch(
                    MtBatchTextSmsCreate.builder().sender(TestAccount.SENDER).addRecipient("2348021100005")
                            .body("x").deliveryReport(ReportType.of("sometimes")).build()));
            assertEquals("syntax_invalid_parameter_format", invalid.getCode());
            assertTrue(invalid.getText().contains("delivery_report"), invalid.getText());
            assertThrows(NotFoundException.class, () -> api.fetchBatch(BatchId.of("01ARZ3NDEKTSV4RRFFQ69G5FAV")));
        }
        try (ApiConnection stranger = sinch(c.accountId(), "not-a-token")) {
            assertThrows(UnauthorizedException.class, () -> stranger.fetchBatch(BatchId.of("01ARZ3NDEKTSV4RRFFQ69G5FAV")));
        }
    }

    @Test
    void nodeSdkSendsDryRunsListsReadsReportsCancelsAndIsToldOfEveryDelivery() throws Exception {
        Path project = repoRoot().resolve("src/local-run/sinch-node");
        if (!Files.isDirectory(project.resolve("node_modules/@sinch/sms"))) {
            run(project, List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of());
        }
        TestAccount.Opened c = customer();
        String output = run(project, List.of("node", "sdk-check.mjs"), Map.of(
                "SMS_HOSTNAME", gateway.apiBaseUrl(), "SPID", c.accountId(), "TOKEN", c.apiToken(),
                "SECRET", c.webhookSecret(), "FROM", TestAccount.SENDER, "TO", "+2348021100006,2348021100007"));
        assertTrue(output.contains("ok delivered 2348021100006,2348021100007"), output);
        for (String step : List.of("ok dry run", "ok list", "ok delivery reports", "ok cancel")) {
            assertTrue(output.contains(step), output);
        }
        assertTrue(output.strip().endsWith("PASS"), output);
    }

    /** Runs a command to its end (within twice the patience); its output, or a failure quoting it. */
    private static String run(Path dir, List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process process = pb.start();
        process.getOutputStream().close();
        StringBuilder out = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                out.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // The process died; its exit code says so.
            }
        });
        reader.start();
        if (!process.waitFor(PATIENCE.multipliedBy(2).toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            reader.join(5000);
            throw new AssertionError(command + " did not finish: " + out);
        }
        reader.join(5000);
        assertEquals(0, process.exitValue(), command + " failed:\n" + out);
        return out.toString();
    }
}
