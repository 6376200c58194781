package com.ninebits.sms.api;

import com.ninebits.sms.testsupport.LocalStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class DryRunAndTemplatingApiTest {

    /** 160 GSM characters with "Ada" in the placeholder's place; with a longer name, two parts. */
    private static final String BODY = "x".repeat(153) + " ${name}";

    private static Response post(ApiFixtures.Customer c, String path, Map<String, Object> body) {
        return given().auth().oauth2(c.token()).contentType(ContentType.JSON).body(body).post(path);
    }

    private static long balance(ApiFixtures.Customer c) {
        return given().auth().oauth2(c.token()).get("/ng/v1/account").then().statusCode(200)
                .extract().jsonPath().getLong("balance");
    }

    private static Map<String, Object> templated(String ref) {
        return Map.of("from", "myCode", "to", List.of("+2348020000000", "08020000001", "2348020000002", "12"),
                "body", BODY, "reference_id", ref,
                "parameters", Map.of("name", Map.of("+234 802 000 0000", "Ada", "2348020000001", "Chukwuemeka",
                        "default", "Bo")));
    }

    @Test
    void dryRunPricesEachRecipientAndStoresQueuesAndChargesNothing() {
        var c = ApiFixtures.newCustomerWithSender(100, "myCode");
        String ref = "dry-" + UUID.randomUUID();
        post(c, "/ng/v1/sendsms/dry_run?per_recipient=true", templated(ref))
                .then().statusCode(200)
                .body("recipients_accepted", equalTo(3))
                .body("recipients_rejected[0].to", equalTo("12"))
                .body("recipients_rejected[0].reason", equalTo("invalid_number"))
                .body("encoding", equalTo("GSM7"))
                .body("total_parts", equalTo(4))
                .body("cost", equalTo(4))
                .body("balance", equalTo(100))
                .body("per_recipient.to", contains("2348020000000", "2348020000001", "2348020000002"))
                .body("per_recipient.body", contains("x".repeat(153) + " Ada", "x".repeat(153) + " Chukwuemeka",
                        "x".repeat(153) + " Bo"))
                .body("per_recipient.parts", contains(1, 2, 1))
                .body("per_recipient.cost", contains(1, 2, 1));
        assertEquals(100, balance(c));
        given().auth().oauth2(c.token()).get("/ng/v1/sendsms/status/" + ref).then().statusCode(404);
        assertEquals(List.of(), ApiQueue.takeAll(c.accountId()));
        // Not listed unless asked for.
        post(c, "/ng/v1/sendsms/dry_run", templated(ref)).then().statusCode(200)
                .body("cost", equalTo(4)).body("per_recipient", nullValue());
    }

    @Test
    void theTemplatedSendChargesWhatTheDryRunPricedAndShowsEachRecipientsParts() {
        var c = ApiFixtures.newCustomerWithSender(100, "myCode");
        String ref = "tpl-" + UUID.randomUUID();
        long priced = post(c, "/ng/v1/sendsms/dry_run", templated(ref)).then().statusCode(200)
                .extract().jsonPath().getLong("cost");
        post(c, "/ng/v1/sendsms", templated(ref)).then().statusCode(202).body("recipients_accepted", equalTo(3));
        assertEquals(100 - priced, balance(c));
        given().auth().oauth2(c.token()).get("/ng/v1/sendsms/status/" + ref).then().statusCode(200)
                .body("body", equalTo(BODY))
                .body("recipients.to", contains("2348020000000", "2348020000001", "2348020000002"))
                .body("recipients.parts", contains(1, 2, 1))
                .body("recipients.status", contains("queued", "queued", "queued"));
        assertEquals(1, ApiQueue.takeAll(c.accountId()).size());
    }

    @Test
    void aRecipientWithoutAValueIsRejectedAloneAndNotCharged() {
        var c = ApiFixtures.newCustomerWithSender(100, "myCode");
        post(c, "/ng/v1/sendsms", Map.of("from", "myCode", "to", List.of("2348020000000", "2348020000001"),
                "body", "Code ${code}", "parameters", Map.of("code", Map.of("2348020000000", "1234"))))
                .then().statusCode(202)
                .body("recipients_accepted", equalTo(1))
                .body("recipients_rejected[0].to", equalTo("2348020000001"))
                .body("recipients_rejected[0].reason", equalTo("missing_parameter"));
        assertEquals(99, balance(c));
        ApiQueue.takeAll(c.accountId());
    }

    @Test
    void badParametersAreRefusedNamingEachBadFieldAndNothingIsStored() {
        var c = ApiFixtures.newCustomerWithSender(100, "myCode");
        String ref = "bad-" + UUID.randomUUID();
        Map<String, Object> bad = Map.of("from", "myCode", "to", List.of("2348020000000"), "body", "Hi ${name}",
                "reference_id", ref,
                "parameters", Map.of("first name", Map.of("default", "x"), "name", Map.of("default", "y".repeat(161)),
                        "n", "not an object", "m", Map.of("default", 5)));
        for (String path : List.of("/ng/v1/sendsms/dry_run", "/ng/v1/sendsms")) {
            post(c, path, bad).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("code", equalTo("invalid_request"))
                    .body("errors.field", containsInAnyOrder("parameters.first name", "parameters.name.default",
                            "parameters.n", "parameters.m.default"));
        }
        post(c, "/ng/v1/sendsms/dry_run", Map.of("from", "myCode", "to", "2348020000000", "body", "Hi",
                "parameters", List.of())).then().statusCode(400).body("errors.field", contains("parameters"));
        assertEquals(100, balance(c));
        given().auth().oauth2(c.token()).get("/ng/v1/sendsms/status/" + ref).then().statusCode(404);
    }

    @Test
    void aDryRunIsValidatedAsTheSendIs() {
        var c = ApiFixtures.newCustomerWithSender(100, "myCode");
        post(c, "/ng/v1/sendsms/dry_run", Map.of("from", "myCode", "to", List.of("2348020000000"), "body", "Hi",
                "delivery_report", "yes")).then().statusCode(400)
                .body("errors[0].field", equalTo("delivery_report")).body("errors[0].code", equalTo("no_webhook"));
        post(c, "/ng/v1/sendsms/dry_run", Map.of("from", "otherCode", "to", List.of("2348020000000"), "body", "Hi"))
                .then().statusCode(403).body("code", equalTo("sender_not_registered"));
        post(c, "/ng/v1/sendsms/dry_run", Map.of("to", List.of("12"), "body", ""))
                .then().statusCode(400).body("errors.field", containsInAnyOrder("from", "body"));
        given().contentType(ContentType.JSON).body("{}").post("/ng/v1/sendsms/dry_run").then().statusCode(401);
    }
}
