package com.ninebits.sms.api;

import com.ninebits.sms.testsupport.LocalStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each API token has its request rate (the account's {@code api_rate_limit}, with bursts of twice it). */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class RequestRateTest {

    /** Two requests a second, bursts of four: a handful of quick requests goes past it. */
    private static final int RATE = 2;

    private static ApiFixtures.Customer slowCustomer() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(10);
        given().header("X-Admin-Key", ApiFixtures.ADMIN_KEY).contentType(ContentType.JSON)
                .body(Map.of("api_rate_limit", RATE)).patch("/ng/v1/admin/accounts/" + customer.accountId())
                .then().statusCode(200);
        return customer;
    }

    private static String secondToken(ApiFixtures.Customer customer) {
        return given().header("X-Admin-Key", ApiFixtures.ADMIN_KEY)
                .post("/ng/v1/admin/accounts/" + customer.accountId() + "/tokens")
                .then().statusCode(201).extract().jsonPath().getString("api_token");
    }

    /** Requests with the token until the first refusal (at most 30), the refusal last. */
    private static List<Response> untilRefused(String token) {
        List<Response> answers = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Response answer = given().auth().oauth2(token).get("/ng/v1/account");
            answers.add(answer);
            if (answer.statusCode() != 200) {
                break;
            }
        }
        return answers;
    }

    @Test
    void aTokenPastItsRateGets429WithRetryAfter() {
        ApiFixtures.Customer customer = slowCustomer();
        long started = System.nanoTime();

        List<Response> answers = untilRefused(customer.token());

        double seconds = (System.nanoTime() - started) / 1e9;
        Response refused = answers.get(answers.size() - 1);
        assertEquals(429, refused.statusCode(), refused.asString());
        assertEquals("application/problem+json", refused.contentType());
        assertEquals("too_many_requests", refused.jsonPath().getString("code"));
        int retryAfter = Integer.parseInt(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 2, "Retry-After " + retryAfter);
        // A burst of twice the rate, and the rate for the time the requests took.
        int allowed = answers.size() - 1;
        assertTrue(allowed >= 2 * RATE && allowed <= 2 * RATE + 1 + (int) Math.ceil(seconds * RATE),
                allowed + " requests went through in " + seconds + " s");
    }

    @Test
    void anotherTokenOfTheSameAccountAndAnotherAccountAreUnaffected() {
        ApiFixtures.Customer flooding = slowCustomer();
        String sibling = secondToken(flooding);
        ApiFixtures.Customer bystander = ApiFixtures.newCustomer(10);

        List<Response> answers = untilRefused(flooding.token());

        assertEquals(429, answers.get(answers.size() - 1).statusCode());
        given().auth().oauth2(sibling).get("/ng/v1/account").then().statusCode(200);
        given().auth().oauth2(bystander.token()).get("/ng/v1/account").then().statusCode(200);
    }

    @Test
    void aRefusedTokenIsServedAgainOnceItsRetryAfterHasPassed() throws InterruptedException {
        ApiFixtures.Customer customer = slowCustomer();
        List<Response> answers = untilRefused(customer.token());
        int retryAfter = Integer.parseInt(answers.get(answers.size() - 1).header("Retry-After"));

        Thread.sleep(retryAfter * 1000L);

        given().auth().oauth2(customer.token()).get("/ng/v1/account").then().statusCode(200);
    }

    @Test
    void theOperatorApiHasNoRequestRate() {
        ApiFixtures.Customer customer = slowCustomer();

        for (int i = 0; i < 4 * RATE + 2; i++) {
            given().header("X-Admin-Key", ApiFixtures.ADMIN_KEY).contentType(ContentType.JSON).body(Map.of())
                    .patch("/ng/v1/admin/accounts/" + customer.accountId()).then().statusCode(200);
        }
    }
}
