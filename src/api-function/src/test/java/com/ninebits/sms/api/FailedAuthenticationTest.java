package com.ninebits.sms.api;

import com.ninebits.sms.testsupport.LocalStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A source address that keeps failing to authenticate is refused before its credential is even
 * looked at. Every request here comes from 127.0.0.1, so this runs in an instance of its own.
 */
@QuarkusTest
@TestProfile(FailedAuthenticationTest.ThreeFailures.class)
@QuarkusTestResource(LocalStackResource.class)
class FailedAuthenticationTest {

    public static class ThreeFailures implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sms.access.failures", "3", "sms.access.failurewindowms", "8000");
        }
    }

    @Test
    void afterAFewFailuresTheAddressGets429WithRetryAfterEvenWithAGoodToken() throws InterruptedException {
        awaitUnblocked();
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(10);
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2("sk_guess" + i + "_wrong").get("/ng/v1/account").then().statusCode(401);
        }

        var refused = given().auth().oauth2(customer.token()).get("/ng/v1/account");

        refused.then().statusCode(429).contentType("application/problem+json").body("code", equalTo("too_many_requests"));
        int retryAfter = Integer.parseInt(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 8, "Retry-After " + retryAfter);
        given().get("/ng/v1/account").then().statusCode(429);

        Thread.sleep(retryAfter * 1000L + 100);

        given().auth().oauth2(customer.token()).get("/ng/v1/account").then().statusCode(200);
    }

    @Test
    void wrongOperatorKeysAreSlowedTheSameWay() throws InterruptedException {
        awaitUnblocked();
        for (int i = 0; i < 3; i++) {
            given().header("X-Admin-Key", "guess-" + i).post("/ng/v1/admin/accounts/acc_x/tokens").then().statusCode(401);
        }

        given().header("X-Admin-Key", ApiFixtures.ADMIN_KEY).contentType("application/json").body(Map.of())
                .patch("/ng/v1/admin/accounts/acc_doesnotexist0000")
                .then().statusCode(429).header("Retry-After", org.hamcrest.Matchers.notNullValue());
    }

    /** What an earlier test of this address left has passed. */
    private static void awaitUnblocked() throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (given().header("X-Admin-Key", ApiFixtures.ADMIN_KEY).contentType("application/json").body(Map.of())
                .patch("/ng/v1/admin/accounts/acc_doesnotexist0000").statusCode() == 429) {
            assertTrue(System.nanoTime() < deadline, "the address stayed refused");
            Thread.sleep(200);
        }
    }
}
