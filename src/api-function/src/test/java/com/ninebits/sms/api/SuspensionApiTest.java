package com.ninebits.sms.api;

import com.ninebits.sms.testsupport.LocalStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** A suspended account's tokens are forbidden at once on the instance that suspended it, and work again once it is active. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class SuspensionApiTest {

    private static void setStatus(ApiFixtures.Customer customer, String status) {
        given().header("X-Admin-Key", ApiFixtures.ADMIN_KEY).contentType(ContentType.JSON)
                .body(Map.of("status", status)).patch("/ng/v1/admin/accounts/" + customer.accountId())
                .then().statusCode(200).body("status", equalTo(status));
    }

    @Test
    void aSuspendedAccountsTokensGet403AccountSuspendedOnEveryEndpoint() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomerWithSender(10, "Brand");
        // Read once, so that the account is in this instance's cache when it is suspended.
        given().auth().oauth2(customer.token()).get("/ng/v1/account").then().statusCode(200);

        setStatus(customer, "suspended");

        given().auth().oauth2(customer.token()).get("/ng/v1/account")
                .then().statusCode(403).contentType("application/problem+json").body("code", equalTo("account_suspended"));
        given().auth().oauth2(customer.token()).contentType(ContentType.JSON)
                .body(Map.of("from", "Brand", "to", List.of("+2348020000000"), "body", "hi"))
                .post("/ng/v1/sendsms")
                .then().statusCode(403).body("code", equalTo("account_suspended"));
        given().auth().oauth2(customer.token()).get("/ng/v1/groups").then().statusCode(403);
    }

    @Test
    void resumingTheAccountLetsItsTokensInAgain() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(10);
        setStatus(customer, "suspended");
        given().auth().oauth2(customer.token()).get("/ng/v1/account").then().statusCode(403);

        setStatus(customer, "active");

        given().auth().oauth2(customer.token()).get("/ng/v1/account")
                .then().statusCode(200).body("status", equalTo("active")).body("balance", equalTo(10));
    }

    @Test
    void aSuspendedAccountIsStillRunByTheOperator() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(10);
        setStatus(customer, "suspended");

        given().header("X-Admin-Key", ApiFixtures.ADMIN_KEY).contentType(ContentType.JSON).body(Map.of("amount", 5))
                .post("/ng/v1/admin/accounts/" + customer.accountId() + "/credit")
                .then().statusCode(200).body("balance", equalTo(15));
    }

    @Test
    void aBadTokenIsStill401WhateverTheAccount() {
        given().auth().oauth2("sk_nosuchtoken_x").get("/ng/v1/account")
                .then().statusCode(401).header("WWW-Authenticate", equalTo("Bearer realm=\"sms\""));
    }
}
