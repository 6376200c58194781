package com.ninebits.sms.api;

import io.restassured.http.ContentType;

import java.util.Map;

import static io.restassured.RestAssured.given;

/** Accounts made through the operator API, as a customer would get them. */
final class ApiFixtures {

    static final String ADMIN_KEY = "test-admin-key";

    private ApiFixtures() {
    }

    record Customer(String accountId, String token) {
    }

    static Customer newCustomer(long balance) {
        var body = given().header("X-Admin-Key", ADMIN_KEY).contentType(ContentType.JSON)
                .body(Map.of("name", "Acme", "default_country", "NG", "balance", balance, "rate_limit_mps", 100))
                .post("/ng/v1/admin/accounts")
                .then().statusCode(201).extract().jsonPath();
        return new Customer(body.getString("account_id"), body.getString("api_token"));
    }

    static Customer newCustomerWithSender(long balance, String senderId) {
        Customer customer = newCustomer(balance);
        given().header("X-Admin-Key", ADMIN_KEY).contentType(ContentType.JSON)
                .body(Map.of("status", "approved"))
                .put("/ng/v1/admin/accounts/" + customer.accountId() + "/sender-ids/" + senderId)
                .then().statusCode(200);
        return customer;
    }

    /** Sets the customer's webhook (a public address literal, so no name need resolve) and returns its secret. */
    static String withWebhook(Customer customer) {
        return given().auth().oauth2(customer.token()).contentType(ContentType.JSON)
                .body(Map.of("url", "https://93.184.216.34/hooks")).put("/ng/v1/settings/webhook")
                .then().statusCode(200).extract().jsonPath().getString("secret");
    }
}
