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
    void whatThisGatewayCannotDoYetIsRefusedNotIgnored() {
        ApiFixtures.Customer c = ApiFixtures.newCustomerWithSender(100, "myCode");
        create(c, Map.of("to", List.of("2348020000008"), "from", "myCode", "body", "Hi ${name}",
                "parameters", Map.of("name", Map.of("default", "friend"))))
                .then().statusCode(400).body("code", equalTo("syntax_constraint_violation"))
                .body("text", containsString("parameters"));
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
}
