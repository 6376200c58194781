package com.ninebits.sms.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.ninebits.sms.testsupport.JsonLog;
import com.ninebits.sms.testsupport.LocalStackResource;
import com.ninebits.sms.testsupport.StdoutCapture;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The API's JSON log lines carry the ids of the request (Lambda's and API Gateway's request ids, the
 * account, the batch reference), and never what a request carried that must stay private.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class HttpLogsTest {

    private static final String BODY = "Your one-time code is 551903";
    private static final List<String> NUMBERS = List.of("+2348035550101", "+2348035550102");

    @Test
    void aRequestsLogLinesCarryItsIdsAndNoNumberBodyTokenOrSecret() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomerWithSender(10, "Brand");
        String reference = "logs-" + UUID.randomUUID();
        String output;
        String secret;
        try (StdoutCapture out = StdoutCapture.start()) {
            secret = ApiFixtures.withWebhook(customer);
            given().auth().oauth2(customer.token()).contentType(ContentType.JSON)
                    .body(Map.of("from", "Brand", "to", NUMBERS, "body", BODY, "reference_id", reference))
                    .post("/ng/v1/sendsms").then().statusCode(202);
            given().auth().oauth2(customer.token()).get("/ng/v1/sendsms/status/" + reference).then().statusCode(200);
            // A wrong token close to a real one, and a request that fails inside.
            given().auth().oauth2(customer.token() + "x").get("/ng/v1/account").then().statusCode(401);
            output = out.text();
        }

        JsonLog log = JsonLog.ofTestRun();
        List<JsonNode> ours = log.withMdc("reference_id", reference);
        assertFalse(ours.isEmpty(), "no JSON log line carries the batch's reference_id");
        for (JsonNode line : ours) {
            assertEquals(customer.accountId(), line.path("mdc").path("account_id").asText(), line.toString());
            assertFalse(line.path("mdc").path("request_id").asText("").isEmpty(), "no Lambda request id: " + line);
        }
        Map<String, String> secrets = new LinkedHashMap<>();
        NUMBERS.forEach(number -> secrets.put("the number " + number, number.substring(1)));
        secrets.put("the body", BODY);
        secrets.put("the token", customer.token());
        secrets.put("the token's secret part", customer.token().substring(customer.token().lastIndexOf('_') + 1));
        secrets.put("the webhook secret", secret);
        secrets.put("the admin key", ApiFixtures.ADMIN_KEY);
        assertEquals(List.of(), log.leaked(secrets, output));
        assertTrue(log.withMdc("account_id", customer.accountId()).size() >= ours.size());
    }
}
