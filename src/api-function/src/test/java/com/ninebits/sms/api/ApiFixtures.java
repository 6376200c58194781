package com.ninebits.sms.api;

import com.ninebits.sms.testsupport.OperatorApi;
import com.ninebits.sms.testsupport.TestAccount;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

import java.util.Map;

import static io.restassured.RestAssured.given;

/** Accounts made through the operator API, as a customer would get them (the shared {@link TestAccount} fixture). */
final class ApiFixtures {

    static final String ADMIN_KEY = "test-admin-key";

    private ApiFixtures() {
    }

    record Customer(String accountId, String token) {
    }

    static Customer newCustomer(long balance) {
        return open(TestAccount.withBalance(balance).withoutSender());
    }

    static Customer newCustomerWithSender(long balance, String senderId) {
        return open(TestAccount.withBalance(balance).sender(senderId));
    }

    /** The operator's decision on a sender ID the customer has (or has not yet) asked for. */
    static void decideSender(Customer customer, String senderId, String status) {
        given().header("X-Admin-Key", ADMIN_KEY).contentType(ContentType.JSON)
                .body(Map.of("status", status))
                .put("/ng/v1/admin/accounts/" + customer.accountId() + "/sender-ids/" + senderId)
                .then().statusCode(200);
    }

    /** Sets the customer's webhook (a public address literal, so no name need resolve) and returns its secret. */
    static String withWebhook(Customer customer) {
        return given().auth().oauth2(customer.token()).contentType(ContentType.JSON)
                .body(Map.of("url", "https://93.184.216.34/hooks")).put("/ng/v1/settings/webhook")
                .then().statusCode(200).extract().jsonPath().getString("secret");
    }

    private static Customer open(TestAccount account) {
        TestAccount.Opened opened = OperatorApi.open(RestAssured.baseURI + ":" + RestAssured.port, ADMIN_KEY, account);
        return new Customer(opened.accountId(), opened.apiToken());
    }
}
