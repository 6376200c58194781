package com.ninebits.sms.api;

import com.ninebits.sms.testsupport.LocalStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class AccountApiTest {

    @Test
    void showsTheCallersAccount() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(500);
        given().auth().oauth2(customer.token())
                .get("/ng/v1/account")
                .then().statusCode(200)
                .body("account_id", equalTo(customer.accountId()))
                .body("balance", equalTo(500))
                .body("default_country", equalTo("NG"))
                .body("max_parts", equalTo(10));
    }

    @Test
    void refusesAMissingTokenWithBearerChallenge() {
        given().get("/ng/v1/account")
                .then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .contentType("application/problem+json")
                .body("code", equalTo("unauthorized"));
    }

    @Test
    void refusesATokenWithTheRightIdButWrongSecret() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        String forged = customer.token().substring(0, customer.token().length() - 4) + "AAAA";
        given().auth().oauth2(forged).get("/ng/v1/account").then().statusCode(401);
    }
}
