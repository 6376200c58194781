package com.ninebits.sms.api;

import com.ninebits.sms.testsupport.LocalStack;
import com.ninebits.sms.testsupport.LocalStackResource;
import com.ninebits.sms.testsupport.QueueReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /ng/v1/sendsms, POST .../{reference_id}/cancel and the delivery-report views, through the Lambda path. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class BatchLifecycleApiTest {

    private static final List<String> TO = List.of("+2348020000000", "08020000001", "2348020000002");

    private static String ref() {
        return "t-" + UUID.randomUUID();
    }

    private static String sent(ApiFixtures.Customer c, String from, Map<String, Object> extra) {
        String ref = ref();
        Map<String, Object> body = new HashMap<>(Map.of("from", from, "to", TO, "body", "Hello", "reference_id", ref));
        body.putAll(extra);
        given().auth().oauth2(c.token()).contentType(ContentType.JSON).body(body).post("/ng/v1/sendsms")
                .then().statusCode(202);
        return ref;
    }

    private static long balance(ApiFixtures.Customer c) {
        return given().auth().oauth2(c.token()).get("/ng/v1/account").then().statusCode(200)
                .extract().jsonPath().getLong("balance");
    }

    private static Response list(ApiFixtures.Customer c, Map<String, ?> query) {
        return given().auth().oauth2(c.token()).queryParams(query).get("/ng/v1/sendsms");
    }

    private static Response cancel(ApiFixtures.Customer c, String ref) {
        return given().auth().oauth2(c.token()).post("/ng/v1/sendsms/" + ref + "/cancel");
    }

    /** The dispatch-queue messages of one batch, taken off the queue (every test has its own account). */
    private static List<String> queuedOf(String ref) {
        LocalStack stack = LocalStack.shared();
        return QueueReader.take(stack.sqs(), stack.queueUrl("DispatchQueue"), body -> body.contains("\"" + ref + "\""));
    }

    @Test
    void listsTheAccountsBatchesNewestFirstAPageAtATimeAndNeverAnotherAccounts() {
        var c = ApiFixtures.newCustomerWithSender(100, "myCode");
        var other = ApiFixtures.newCustomerWithSender(100, "myCode");
        String first = sent(c, "myCode", Map.of());
        String second = sent(c, "myCode", Map.of());
        String third = sent(c, "myCode", Map.of());
        String theirs = sent(other, "myCode", Map.of());

        JsonPath page1 = list(c, Map.of("page_size", 2)).then().statusCode(200)
                .body("batches.reference_id", contains(third, second))
                .body("batches[0].status", equalTo("queued"))
                .body("batches[0].from", equalTo("myCode"))
                .body("batches[0].recipients_total", equalTo(3))
                .body("batches[0].parts", equalTo(1))
                .body("batches[0].counts.queued", equalTo(3))
                .body("batches[0].created_at", notNullValue())
                .body("batches[0].send_at", nullValue())
                .extract().jsonPath();
        String token = page1.getString("next_page_token");
        assertNotNull(token);
        JsonPath page2 = list(c, Map.of("page_size", 2, "page_token", token)).then().statusCode(200)
                .body("batches.reference_id", contains(first)).extract().jsonPath();
        String end = page2.getString("next_page_token");
        if (end != null) {
            list(c, Map.of("page_size", 2, "page_token", end)).then().statusCode(200).body("batches", empty())
                    .body("next_page_token", nullValue());
        }
        list(c, Map.of()).then().statusCode(200).body("batches.reference_id", not(org.hamcrest.Matchers.hasItem(theirs)));
        list(other, Map.of()).then().statusCode(200).body("batches.reference_id", contains(theirs));
        queuedOf(first);
        queuedOf(second);
        queuedOf(third);
        queuedOf(theirs);
    }

    @Test
    void aPageTokenOfAnotherAccountOrAlteredIsRefused() {
        var c = ApiFixtures.newCustomerWithSender(100, "myCode");
        var other = ApiFixtures.newCustomerWithSender(100, "myCode");
        sent(c, "myCode", Map.of());
        sent(c, "myCode", Map.of());
        String token = list(c, Map.of("page_size", 1)).then().statusCode(200).extract().jsonPath().getString("next_page_token");

        list(other, Map.of("page_token", token)).then().statusCode(400)
                .body("code", equalTo("invalid_request")).body("errors[0].field", equalTo("page_token"));
        String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        String altered = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(decoded.replaceFirst(":\\d+:", ":x:").getBytes(StandardCharsets.UTF_8));
        list(c, Map.of("page_token", altered)).then().statusCode(400).body("errors[0].field", equalTo("page_token"));
        list(c, Map.of("page_token", "!!not base64!!")).then().statusCode(400).body("errors[0].field", equalTo("page_token"));
    }

    @Test
    void filtersBySenderStatusAndCreationTime() {
        var c = ApiFixtures.newCustomerWithSender(100, "myCode");
        ApiFixtures.decideSender(c, "Other", "approved");
        String mine = sent(c, "myCode", Map.of());
        String fromOther = sent(c, "Other", Map.of());
        cancel(c, fromOther).then().statusCode(200);

        list(c, Map.of("from", "Other")).then().statusCode(200).body("batches.reference_id", contains(fromOther));
        list(c, Map.of("status", "cancelled")).then().statusCode(200).body("batches.reference_id", contains(fromOther))
                .body("batches[0].counts.cancelled", equalTo(3));
        list(c, Map.of("status", "queued")).then().statusCode(200).body("batches.reference_id", contains(mine));
        String later = Instant.now().plus(1, ChronoUnit.HOURS).toString();
        list(c, Map.of("created_after", later)).then().statusCode(200).body("batches", empty());
        list(c, Map.of("created_before", later)).then().statusCode(200)
                .body("batches.reference_id", containsInAnyOrder(mine, fromOther));
        queuedOf(mine);
        queuedOf(fromOther);
    }

    @Test
    void badFiltersAreRefusedNamingEachField() {
        var c = ApiFixtures.newCustomer(10);
        list(c, Map.of("page_size", 0, "status", "lost", "created_after", "yesterday", "created_before", "soon"))
                .then().statusCode(400)
                .body("errors.field", containsInAnyOrder("page_size", "status", "created_after", "created_before"));
        list(c, Map.of("page_size", 101)).then().statusCode(400).body("errors[0].field", equalTo("page_size"));
        list(c, Map.of("page_size", "many")).then().statusCode(400).body("errors[0].field", equalTo("page_size"));
    }

    @Test
    void cancelEndsEveryQueuedMessageCancelledRefundsItOnceAndIsHarmlessAgain() {
        var c = ApiFixtures.newCustomerWithSender(100, "myCode");
        String ref = sent(c, "myCode", Map.of());
        assertEquals(97, balance(c));

        cancel(c, ref).then().statusCode(200)
                .body("reference_id", equalTo(ref))
                .body("status", equalTo("cancelled"))
                .body("counts.cancelled", equalTo(3))
                .body("counts.queued", equalTo(0))
                .body("recipients.status", contains("cancelled", "cancelled", "cancelled"));
        assertEquals(100, balance(c));
        cancel(c, ref).then().statusCode(200).body("status", equalTo("cancelled")).body("counts.cancelled", equalTo(3));
        assertEquals(100, balance(c), "a second cancel refunds nothing more");
        given().auth().oauth2(c.token()).get("/ng/v1/sendsms/status/" + ref).then().statusCode(200)
                .body("status", equalTo("cancelled"));
        queuedOf(ref);
    }

    @Test
    void anotherAccountsBatchCannotBeCancelledOrRead() {
        var c = ApiFixtures.newCustomerWithSender(100, "myCode");
        var other = ApiFixtures.newCustomer(10);
        String ref = sent(c, "myCode", Map.of());

        cancel(other, ref).then().statusCode(404).body("code", equalTo("not_found"));
        given().auth().oauth2(other.token()).get("/ng/v1/sendsms/" + ref + "/delivery_report").then().statusCode(404);
        given().auth().oauth2(other.token()).get("/ng/v1/sendsms/" + ref + "/delivery_report/2348020000000")
                .then().statusCode(404);
        cancel(c, "no-such-batch").then().statusCode(404);
        given().auth().oauth2(c.token()).get("/ng/v1/sendsms/status/" + ref).then().statusCode(200)
                .body("status", equalTo("queued"));
        assertEquals(97, balance(c));
        queuedOf(ref);
    }

    @Test
    void aScheduledBatchIsCancelledWhole() {
        var c = ApiFixtures.newCustomerWithSender(100, "myCode");
        String ref = sent(c, "myCode", Map.of("send_at", Instant.now().plus(2, ChronoUnit.HOURS).toString()));
        given().auth().oauth2(c.token()).get("/ng/v1/sendsms/status/" + ref).then().body("status", equalTo("scheduled"));

        cancel(c, ref).then().statusCode(200).body("status", equalTo("cancelled")).body("counts.cancelled", equalTo(3));
        assertEquals(100, balance(c));
    }

    @Test
    void cancelledMovesAreToldToTheWebhookWhenTheBatchAskedForReports() {
        var c = ApiFixtures.newCustomerWithSender(100, "myCode");
        ApiFixtures.withWebhook(c);
        String ref = sent(c, "myCode", Map.of("delivery_report", "yes"));

        cancel(c, ref).then().statusCode(200);
        cancel(c, ref).then().statusCode(200);

        LocalStack stack = LocalStack.shared();
        List<String> events = QueueReader.take(stack.sqs(), stack.queueUrl("CallbackQueue"), b -> b.contains(ref));
        assertEquals(3, events.size(), "one event per cancelled message, none for the repeated cancel: " + events);
        assertTrue(events.stream().allMatch(e -> e.contains("cancelled")));
        queuedOf(ref);
    }

    @Test
    void deliveryReportsSummariseAndListByStatusAndShowOneRecipientsHistory() {
        var c = ApiFixtures.newCustomerWithSender(100, "myCode");
        String ref = sent(c, "myCode", Map.of());
        String path = "/ng/v1/sendsms/" + ref + "/delivery_report";

        given().auth().oauth2(c.token()).get(path).then().statusCode(200)
                .body("reference_id", equalTo(ref)).body("total_message_count", equalTo(3))
                .body("statuses", hasSize(1)).body("statuses[0].status", equalTo("queued"))
                .body("statuses[0].count", equalTo(3)).body("statuses[0].containsKey('recipients')", equalTo(false))
                .body("statuses[0].containsKey('code')", equalTo(true));
        cancel(c, ref).then().statusCode(200);
        given().auth().oauth2(c.token()).queryParam("type", "full").get(path).then().statusCode(200)
                .body("statuses", hasSize(1)).body("statuses[0].status", equalTo("cancelled"))
                .body("statuses[0].recipients", contains("2348020000000", "2348020000001", "2348020000002"));
        given().auth().oauth2(c.token()).queryParam("status", "delivered,failed").get(path).then().statusCode(200)
                .body("statuses", empty()).body("total_message_count", equalTo(3));

        for (String spelling : List.of("+2348020000001", "08020000001", "002348020000001")) {
            given().auth().oauth2(c.token()).get(path + "/" + spelling).then().statusCode(200)
                    .body("to", equalTo("2348020000001")).body("status", equalTo("cancelled")).body("parts", equalTo(1))
                    .body("history.status", contains("queued", "cancelled"))
                    .body("history[1].at", notNullValue());
        }
        given().auth().oauth2(c.token()).get(path + "/2348020000009").then().statusCode(404);
        given().auth().oauth2(c.token()).get(path + "/not-a-number").then().statusCode(404);
        queuedOf(ref);
    }

    @Test
    void aBadTypeOrStatusOfADeliveryReportIsRefused() {
        var c = ApiFixtures.newCustomerWithSender(100, "myCode");
        String ref = sent(c, "myCode", Map.of());
        given().auth().oauth2(c.token()).queryParam("type", "everything").queryParam("status", "delivered,lost")
                .get("/ng/v1/sendsms/" + ref + "/delivery_report").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("type", "status"));
        queuedOf(ref);
    }
}
