package com.ninebits.sms.api;

import com.ninebits.sms.testsupport.LocalStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/** The Sinch-compatible API's batches: Sinch's fields, dates, errors ({@code {code, text}}) and access rules. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class XmsApiTest {

    private static final String MILLISECONDS = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    private static RequestSpecification as(ApiFixtures.Customer c) {
        return given().auth().oauth2(c.token());
    }

    private static String batches(ApiFixtures.Customer c) {
        return "/xms/v1/" + c.accountId() + "/batches";
    }

    private static Response create(ApiFixtures.Customer c, Map<String, Object> body) {
        return as(c).contentType(ContentType.JSON).body(body).post(batches(c));
    }

    private static ApiFixtures.Customer customerWithWebhook() {
        ApiFixtures.Customer c = ApiFixtures.newCustomerWithSender(100, "myCode");
        ApiFixtures.withWebhook(c);
        return c;
    }

    @Test
    void createsABatchAndAnswersInSinchsFieldsWithMillisecondDates() {
        ApiFixtures.Customer c = customerWithWebhook();
        String expireAt = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        Response created = create(c, Map.of("to", List.of("+2348020000001", "2348020000002"), "from", "myCode",
                "body", "Hello from Sinch's shape", "type", "mt_text", "delivery_report", "per_recipient_final",
                "client_reference", "order-42", "expire_at", expireAt, "max_number_of_message_parts", 2));
        created.then().statusCode(201).contentType(ContentType.JSON)
                .body("id", matchesPattern("[0-9A-Z]{26}"))
                .body("type", equalTo("mt_text"))
                .body("to", equalTo(List.of("2348020000001", "2348020000002")))
                .body("from", equalTo("myCode"))
                .body("body", equalTo("Hello from Sinch's shape"))
                .body("canceled", equalTo(false))
                .body("flash_message", equalTo(false))
                .body("delivery_report", equalTo("per_recipient_final"))
                .body("client_reference", equalTo("order-42"))
                .body("max_number_of_message_parts", equalTo(2))
                .body("created_at", matchesPattern(MILLISECONDS))
                .body("modified_at", matchesPattern(MILLISECONDS))
                .body("expire_at", equalTo(expireAt.replace("Z", ".000Z")))
                .body("send_at", nullValue());
        String id = created.jsonPath().getString("id");

        as(c).get(batches(c) + "/" + id).then().statusCode(200)
                .body("id", equalTo(id))
                .body("to", equalTo(List.of("2348020000001", "2348020000002")))
                .body("delivery_report", equalTo("per_recipient_final"))
                .body("client_reference", equalTo("order-42"))
                .body("created_at", equalTo(created.jsonPath().getString("created_at")));
        // The batch is the gateway's own too: the same id is its reference_id.
        as(c).get("/ng/v1/sendsms/status/" + id).then().statusCode(200).body("recipients_total", equalTo(2));
    }

    @Test
    void aBodilessGetLabelledJsonIsServedAsSinchsNodeSdkSendsIt() {
        ApiFixtures.Customer c = ApiFixtures.newCustomerWithSender(100, "myCode");
        String id = create(c, Map.of("to", List.of("2348020000003"), "from", "myCode", "body", "hi"))
                .then().statusCode(201).extract().jsonPath().getString("id");
        as(c).contentType(ContentType.JSON).get(batches(c) + "/" + id).then().statusCode(200)
                .body("delivery_report", equalTo("none"));
    }

    @Test
    void noTokenOrABadOneIs401InSinchsShape() {
        ApiFixtures.Customer c = ApiFixtures.newCustomer(0);
        given().get(batches(c) + "/01ARZ3NDEKTSV4RRFFQ69G5FAV").then().statusCode(401)
                .contentType(ContentType.JSON)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("code", equalTo("unauthorized")).body("text", notNullValue()).body("type", nullValue());
        given().auth().oauth2("not-a-token").contentType(ContentType.JSON).body(Map.of())
                .post(batches(c)).then().statusCode(401).body("code", equalTo("unauthorized"));
    }

    @Test
    void aSuspendedAccountIsRefusedHereAsOnNgV1AndResumingLetsItIn() {
        ApiFixtures.Customer c = ApiFixtures.newCustomerWithSender(100, "myCode");
        as(c).get(batches(c) + "/01ARZ3NDEKTSV4RRFFQ69G5FAV").then().statusCode(404);
        given().header("X-Admin-Key", ApiFixtures.ADMIN_KEY).contentType(ContentType.JSON)
                .body(Map.of("status", "suspended")).patch("/ng/v1/admin/accounts/" + c.accountId())
                .then().statusCode(200);

        create(c, Map.of("to", List.of("2348020000006"), "from", "myCode", "body", "x"))
                .then().statusCode(403).contentType(ContentType.JSON).body("code", equalTo("account_suspended"));

        given().header("X-Admin-Key", ApiFixtures.ADMIN_KEY).contentType(ContentType.JSON)
                .body(Map.of("status", "active")).patch("/ng/v1/admin/accounts/" + c.accountId())
                .then().statusCode(200);
        create(c, Map.of("to", List.of("2348020000006"), "from", "myCode", "body", "x")).then().statusCode(201);
    }

    @Test
    void aTokenPastItsRequestRateGets429WithRetryAfterHereToo() {
        ApiFixtures.Customer c = ApiFixtures.newCustomer(0);
        given().header("X-Admin-Key", ApiFixtures.ADMIN_KEY).contentType(ContentType.JSON)
                .body(Map.of("api_rate_limit", 1)).patch("/ng/v1/admin/accounts/" + c.accountId())
                .then().statusCode(200);
        int refused = 0;
        String retryAfter = null;
        for (int i = 0; i < 10 && refused == 0; i++) {
            Response r = as(c).get(batches(c) + "/01ARZ3NDEKTSV4RRFFQ69G5FAV");
            if (r.statusCode() == 429) {
                refused++;
                retryAfter = r.header("Retry-After");
            }
        }
        assertTrue(refused > 0, "ten requests at once pass a rate of 1/s with its burst of 2");
        assertNotNull(retryAfter);
    }

    @Test
    void anotherAccountsServicePlanOrBatchIsNotFound() {
        ApiFixtures.Customer mine = ApiFixtures.newCustomerWithSender(100, "myCode");
        ApiFixtures.Customer theirs = ApiFixtures.newCustomerWithSender(100, "myCode");
        String theirBatch = create(theirs, Map.of("to", List.of("2348020000004"), "from", "myCode", "body", "x"))
                .then().statusCode(201).extract().jsonPath().getString("id");

        as(mine).get(batches(theirs) + "/" + theirBatch).then().statusCode(404).body("code", equalTo("not_found"));
        as(mine).contentType(ContentType.JSON).body(Map.of("to", List.of("2348020000005"), "from", "myCode", "body", "x"))
                .post(batches(theirs)).then().statusCode(404).body("code", equalTo("not_found"));
        as(mine).get(batches(mine) + "/" + theirBatch).then().statusCode(404)
                .contentType(ContentType.JSON).body("code", equalTo("not_found"));
        as(mine).get(batches(mine) + "/no-such-batch").then().statusCode(404).body("code", equalTo("not_found"));
        as(mine).get("/xms/v1/" + mine.accountId() + "/no-such-thing").then().statusCode(404)
                .body("code", equalTo("not_found"));
    }

    @Test
    void bodyThatIsNotJsonIsSyntaxInvalidJson() {
        ApiFixtures.Customer c = ApiFixtures.newCustomerWithSender(100, "myCode");
        as(c).contentType(ContentType.JSON).body("{\"to\": [").post(batches(c)).then().statusCode(400)
                .contentType(ContentType.JSON).body("code", equalTo("syntax_invalid_json"));
        as(c).contentType(ContentType.JSON).body(Map.of("to", "2348020000006", "from", "myCode", "body", "x"))
                .post(batches(c)).then().statusCode(400).body("code", equalTo("syntax_invalid_json"))
                .body("text", containsString("to"));
    }

    @Test
    void missingFieldsAreOneConstraintViolationNamingEachOfThem() {
        ApiFixtures.Customer c = ApiFixtures.newCustomerWithSender(100, "myCode");
        create(c, Map.of("client_reference", "x")).then().statusCode(400)
                .body("code", equalTo("syntax_constraint_violation"))
                .body("text", allOf(containsString("to:"), containsString("from:"), containsString("body:")));
    }

    @Test
    void badValuesAreInvalidParameterFormatBeforeConstraintViolations() {
        ApiFixtures.Customer c = ApiFixtures.newCustomerWithSender(100, "myCode");
        create(c, Map.of("to", List.of("2348020000007"), "from", "myCode", "body", "x", "delivery_report", "sometimes"))
                .then().statusCode(400).body("code", equalTo("syntax_invalid_parameter_format"))
                .body("text", containsString("delivery_report"));
        create(c, Map.of("to", List.of("2348020000007"), "from", "myCode", "body", "x", "send_at", "tomorrow"))
                .then().statusCode(400).body("code", equalTo("syntax_invalid_parameter_format"))
                .body("text", containsString("send_at"));
        create(c, Map.of("to", List.of("12"), "from", "myCode", "body", "x"))
                .then().statusCode(400).body("code", equalTo("syntax_invalid_parameter_format"));
    }

    @Test
    void parametersFillEachRecipientsTextAndItsPartLimitHoldsForEach() {
        ApiFixtures.Customer c = ApiFixtures.newCustomerWithSender(100, "myCode");
        String id = create(c, Map.of("to", List.of("2348020000008", "2348020000018"), "from", "myCode",
                "body", "Hi ${name}", "parameters", Map.of("name", Map.of("2348020000008", "Ada", "default", "friend"))))
                .then().statusCode(201).body("body", equalTo("Hi ${name}")).extract().jsonPath().getString("id");
        as(c).get("/ng/v1/sendsms/status/" + id).then().statusCode(200).body("recipients_total", equalTo(2));
        create(c, Map.of("to", List.of("2348020000008"), "from", "myCode", "body", "Hi ${name}",
                "parameters", Map.of("name", Map.of("default", "x".repeat(160))), "max_number_of_message_parts", 1))
                .then().statusCode(400).body("code", equalTo("syntax_constraint_violation"))
                .body("text", containsString("max_number_of_message_parts is 1"));
        create(c, Map.of("to", List.of("2348020000008"), "from", "myCode", "body", "Hi ${name}",
                "parameters", Map.of("name", "Ada")))
                .then().statusCode(400).body("code", equalTo("syntax_invalid_json"))
                .body("text", containsString("parameters.name"));
    }

    @Test
    void whatThisGatewayCannotDoIsRefusedNotIgnored() {
        ApiFixtures.Customer c = ApiFixtures.newCustomerWithSender(100, "myCode");
        create(c, Map.of("to", List.of("2348020000008"), "from", "myCode", "body", "AAE=", "type", "mt_binary"))
                .then().statusCode(400).body("code", equalTo("syntax_constraint_violation"))
                .body("text", containsString("type"));
        create(c, Map.of("to", List.of("2348020000008"), "from", "myCode", "body", "x".repeat(161),
                "max_number_of_message_parts", 1))
                .then().statusCode(400).body("code", equalTo("syntax_constraint_violation"))
                .body("text", containsString("max_number_of_message_parts is 1"));
    }

    @Test
    void refusalsSinchsSdksReadAre403WithACode() {
        ApiFixtures.Customer noWebhook = ApiFixtures.newCustomerWithSender(100, "myCode");
        create(noWebhook, Map.of("to", List.of("2348020000009"), "from", "myCode", "body", "x", "delivery_report", "summary"))
                .then().statusCode(403).body("code", equalTo("missing_callback_url"));
        ApiFixtures.Customer broke = ApiFixtures.newCustomerWithSender(0, "myCode");
        create(broke, Map.of("to", List.of("2348020000009"), "from", "myCode", "body", "x"))
                .then().statusCode(403).body("code", equalTo("insufficient_credit"));
        ApiFixtures.Customer unregistered = ApiFixtures.newCustomer(100);
        create(unregistered, Map.of("to", List.of("2348020000009"), "from", "other", "body", "x"))
                .then().statusCode(403).body("code", equalTo("sender_not_registered"))
                .body("text", not(containsString("problem")));
    }

    @Test
    void aDryRunShowsEachRecipientsTextPartsAndEncodingAndStoresNothing() {
        ApiFixtures.Customer c = ApiFixtures.newCustomerWithSender(100, "myCode");
        Map<String, Object> body = Map.of("to", List.of("2348020000021", "2348020000022", "2348020000023"),
                "from", "myCode", "body", "Hi ${name}", "parameters",
                Map.of("name", Map.of("2348020000021", "Zoë ✓", "default", "friend")));
        as(c).contentType(ContentType.JSON).body(body).queryParam("per_recipient", true)
                .queryParam("number_of_recipients", 2).post(batches(c) + "/dry_run").then().statusCode(200)
                .body("number_of_recipients", equalTo(3))
                .body("number_of_messages", equalTo(3))
                .body("per_recipient.size()", equalTo(2))
                .body("per_recipient[0].recipient", equalTo("2348020000021"))
                .body("per_recipient[0].body", equalTo("Hi Zoë ✓"))
                .body("per_recipient[0].encoding", equalTo("UNICODE"))
                .body("per_recipient[0].number_of_parts", equalTo(1))
                .body("per_recipient[1].body", equalTo("Hi friend"))
                .body("per_recipient[1].encoding", equalTo("GSM"));
        as(c).contentType(ContentType.JSON).body(body).post(batches(c) + "/dry_run").then().statusCode(200)
                .body("per_recipient", nullValue());
        as(c).get(batches(c)).then().statusCode(200).body("count", equalTo(0));
        as(c).get("/ng/v1/account").then().body("balance", equalTo(100));
        as(c).contentType(ContentType.JSON).body(body).queryParam("number_of_recipients", 1001)
                .post(batches(c) + "/dry_run").then().statusCode(400).body("code", equalTo("syntax_constraint_violation"))
                .body("text", containsString("number_of_recipients"));
        as(c).contentType(ContentType.JSON).body(Map.of("to", List.of("2348020000021"), "from", "myCode",
                        "body", "x".repeat(100) + "${long}",
                        "parameters", Map.of("long", Map.of("default", "y".repeat(100))),
                        "max_number_of_message_parts", 1))
                .post(batches(c) + "/dry_run").then().statusCode(400).body("code", equalTo("syntax_constraint_violation"))
                .body("text", containsString("max_number_of_message_parts is 1"));
        as(c).contentType(ContentType.JSON).body(Map.of("to", List.of("2348020000021"), "from", "myCode"))
                .post(batches(c) + "/dry_run").then().statusCode(400).body("code", equalTo("syntax_constraint_violation"))
                .body("text", containsString("body"));
    }

    @Test
    void listsInNumberedPagesWithTheTotalCountAndSinchsFilters() {
        ApiFixtures.Customer c = ApiFixtures.newCustomerWithSender(100, "myCode");
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(0, create(c, Map.of("to", List.of("234802000003" + i), "from", "myCode", "body", "n" + i,
                    "client_reference", i % 2 == 0 ? "even" : "odd")).then().statusCode(201).extract().jsonPath().getString("id"));
        }
        as(c).queryParam("page_size", 2).get(batches(c)).then().statusCode(200)
                .body("count", equalTo(5)).body("page", equalTo(0)).body("page_size", equalTo(2))
                .body("batches.id", equalTo(ids.subList(0, 2)))
                .body("batches[0].type", equalTo("mt_text")).body("batches[0].body", equalTo("n4"));
        as(c).queryParam("page_size", 2).queryParam("page", 2).get(batches(c)).then().statusCode(200)
                .body("count", equalTo(5)).body("page", equalTo(2)).body("page_size", equalTo(1))
                .body("batches.id", equalTo(ids.subList(4, 5)));
        as(c).queryParam("client_reference", "even").get(batches(c)).then().statusCode(200)
                .body("count", equalTo(3)).body("batches.client_reference", equalTo(List.of("even", "even", "even")));
        as(c).queryParam("from", "other,myCode").get(batches(c)).then().body("count", equalTo(5));
        as(c).queryParam("from", "other").get(batches(c)).then().body("count", equalTo(0));
        as(c).queryParam("start_date", Instant.now().plus(1, ChronoUnit.HOURS).toString()).get(batches(c)).then()
                .body("count", equalTo(0));
        as(c).queryParam("page", -1).get(batches(c)).then().statusCode(400)
                .body("code", equalTo("syntax_constraint_violation")).body("text", containsString("page"));
        as(c).queryParam("page_size", "many").get(batches(c)).then().statusCode(400)
                .body("code", equalTo("syntax_invalid_parameter_format")).body("text", containsString("page_size"));
        as(c).queryParam("start_date", "yesterday").get(batches(c)).then().statusCode(400)
                .body("code", equalTo("syntax_invalid_parameter_format"));
    }

    @Test
    void cancelsAScheduledBatchAndReportsItInSinchsShapes() {
        ApiFixtures.Customer c = ApiFixtures.newCustomerWithSender(100, "myCode");
        String sendAt = Instant.now().plus(1, ChronoUnit.DAYS).toString();
        String id = create(c, Map.of("to", List.of("2348020000041", "2348020000042"), "from", "myCode", "body", "later",
                "send_at", sendAt, "client_reference", "sched-1")).then().statusCode(201).extract().jsonPath().getString("id");
        as(c).get(batches(c) + "/" + id + "/delivery_report").then().statusCode(200)
                .body("type", equalTo("delivery_report_sms")).body("batch_id", equalTo(id))
                .body("total_message_count", equalTo(2)).body("client_reference", equalTo("sched-1"))
                .body("statuses[0].status", equalTo("Queued")).body("statuses[0].code", equalTo(400))
                .body("statuses[0].count", equalTo(2)).body("statuses[0].recipients", nullValue());
        as(c).delete(batches(c) + "/" + id).then().statusCode(200)
                .body("id", equalTo(id)).body("canceled", equalTo(true));
        as(c).get(batches(c) + "/" + id).then().body("canceled", equalTo(true));
        as(c).queryParam("type", "full").get(batches(c) + "/" + id + "/delivery_report").then().statusCode(200)
                .body("statuses.size()", equalTo(1))
                .body("statuses[0].status", equalTo("Cancelled")).body("statuses[0].code", equalTo(407))
                .body("statuses[0].recipients", equalTo(List.of("2348020000041", "2348020000042")));
        as(c).queryParam("status", "Delivered,Failed").get(batches(c) + "/" + id + "/delivery_report").then()
                .statusCode(200).body("statuses.size()", equalTo(0));
        as(c).queryParam("code", "407").get(batches(c) + "/" + id + "/delivery_report").then()
                .body("statuses[0].count", equalTo(2));
        as(c).get(batches(c) + "/" + id + "/delivery_report/2348020000042").then().statusCode(200)
                .body("type", equalTo("recipient_delivery_report_sms")).body("batch_id", equalTo(id))
                .body("recipient", equalTo("2348020000042")).body("status", equalTo("Cancelled"))
                .body("code", equalTo(407)).body("at", matchesPattern(MILLISECONDS))
                .body("client_reference", equalTo("sched-1"));
        // Cancelling again changes nothing.
        as(c).delete(batches(c) + "/" + id).then().statusCode(200).body("canceled", equalTo(true));
    }

    @Test
    void badReportQueriesAndOtherAccountsBatchesAreSinchsErrors() {
        ApiFixtures.Customer mine = ApiFixtures.newCustomerWithSender(100, "myCode");
        ApiFixtures.Customer theirs = ApiFixtures.newCustomerWithSender(100, "myCode");
        String id = create(mine, Map.of("to", List.of("2348020000051"), "from", "myCode", "body", "x"))
                .then().statusCode(201).extract().jsonPath().getString("id");
        String report = batches(mine) + "/" + id + "/delivery_report";
        as(mine).queryParam("type", "detailed").get(report).then().statusCode(400)
                .body("code", equalTo("syntax_invalid_parameter_format")).body("text", containsString("type"));
        as(mine).queryParam("status", "Delivered,Lost").get(report).then().statusCode(400)
                .body("code", equalTo("syntax_invalid_parameter_format")).body("text", containsString("Lost"));
        as(mine).queryParam("code", "four").get(report).then().statusCode(400)
                .body("code", equalTo("syntax_invalid_parameter_format")).body("text", containsString("code"));
        as(mine).get(report + "/2348020000099").then().statusCode(404).body("code", equalTo("not_found"));
        String theirs404 = batches(theirs) + "/" + id;
        as(theirs).get(theirs404 + "/delivery_report").then().statusCode(404).body("code", equalTo("not_found"));
        as(theirs).get(theirs404 + "/delivery_report/2348020000051").then().statusCode(404)
                .body("code", equalTo("not_found"));
        as(theirs).delete(theirs404).then().statusCode(404).body("code", equalTo("not_found"));
        as(theirs).get(batches(theirs)).then().statusCode(200).body("count", equalTo(0));
        as(mine).get(batches(mine)).then().body("batches[0].canceled", equalTo(false));
    }
}
