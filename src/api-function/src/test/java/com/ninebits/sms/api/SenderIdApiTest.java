package com.ninebits.sms.api;

import com.ninebits.sms.testsupport.LocalStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class SenderIdApiTest {

    private static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    private static ValidatableResponse request(ApiFixtures.Customer customer, Object senderId) {
        return given().auth().oauth2(customer.token()).contentType(ContentType.JSON)
                .body(senderId instanceof String s ? Map.of("sender_id", s) : senderId)
                .post("/ng/v1/sender-ids").then();
    }

    @Test
    void aRequestedSenderIdIsPending() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        request(customer, "AcmeBank")
                .statusCode(201)
                .body("sender_id", equalTo("AcmeBank"))
                .body("status", equalTo("pending"))
                .body("created_at", matchesPattern(TIMESTAMP))
                .body("updated_at", matchesPattern(TIMESTAMP));
    }

    @Test
    void acceptsElevenLettersAndDigits() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        request(customer, "Acme1234567").statusCode(201).body("sender_id", equalTo("Acme1234567"));
    }

    @Test
    void acceptsANumberOfFifteenDigits() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        request(customer, "234802000000012").statusCode(201).body("sender_id", equalTo("234802000000012"));
    }

    @Test
    void acceptsASingleCharacter() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        request(customer, "A").statusCode(201).body("status", equalTo("pending"));
    }

    @Test
    void refusesTwelveLetters() {
        refusesShape("AcmeBankPlcX");
    }

    @Test
    void refusesSixteenDigits() {
        refusesShape("2348020000000123");
    }

    @Test
    void refusesTwelveCharactersMixingLettersAndDigits() {
        refusesShape("Acme12345678");
    }

    @Test
    void refusesSymbols() {
        refusesShape("Acme-Bank");
        refusesShape("Acme Bank");
        refusesShape("+2348020000");
        refusesShape("Accrá");
    }

    @Test
    void refusesAnEmptySenderId() {
        refusesShape("");
    }

    @Test
    void refusesAMissingSenderId() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        request(customer, Map.of("name", "Acme"))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("sender_id")))
                .body("errors[0].code", equalTo("required"));
    }

    @Test
    void refusesASenderIdThatIsNotAString() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        request(customer, Map.of("sender_id", 12345))
                .statusCode(400)
                .body("errors.field", equalTo(List.of("sender_id")));
    }

    @Test
    void refusesMalformedJson() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        given().auth().oauth2(customer.token()).contentType(ContentType.JSON).body("{\"sender_id\":")
                .post("/ng/v1/sender-ids")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].code", equalTo("malformed_json"));
    }

    @Test
    void requestingAgainReturnsTheExistingOneUnchanged() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        String createdAt = request(customer, "AcmeBank").statusCode(201).extract().path("created_at");

        request(customer, "AcmeBank")
                .statusCode(anyOf(equalTo(200), equalTo(201)))
                .body("status", equalTo("pending"))
                .body("created_at", equalTo(createdAt));

        given().auth().oauth2(customer.token()).get("/ng/v1/sender-ids")
                .then().body("sender_ids.size()", equalTo(1));
    }

    @Test
    void requestingAnApprovedSenderIdAgainLeavesItApproved() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomerWithSender(0, "AcmeBank");

        request(customer, "AcmeBank")
                .statusCode(anyOf(equalTo(200), equalTo(201)))
                .body("sender_id", equalTo("AcmeBank"))
                .body("status", equalTo("approved"));

        given().auth().oauth2(customer.token()).get("/ng/v1/sender-ids")
                .then().body("sender_ids.size()", equalTo(1))
                .body("sender_ids[0].status", equalTo("approved"));
    }

    @Test
    void requestingARejectedSenderIdAgainLeavesItRejected() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        ApiFixtures.decideSender(customer, "FakeBank", "rejected");

        request(customer, "FakeBank").body("status", equalTo("rejected"));
    }

    @Test
    void listsOnlyTheCallersSenderIds() {
        ApiFixtures.Customer mine = ApiFixtures.newCustomer(0);
        ApiFixtures.Customer theirs = ApiFixtures.newCustomer(0);
        request(mine, "Mine1").statusCode(201);
        request(mine, "Mine2").statusCode(201);
        request(theirs, "Theirs").statusCode(201);

        given().auth().oauth2(mine.token()).get("/ng/v1/sender-ids")
                .then().statusCode(200)
                .body("sender_ids.sender_id", containsInAnyOrder("Mine1", "Mine2"))
                .body("sender_ids.status", containsInAnyOrder("pending", "pending"));
        given().auth().oauth2(theirs.token()).get("/ng/v1/sender-ids")
                .then().statusCode(200)
                .body("sender_ids.sender_id", equalTo(List.of("Theirs")));
    }

    @Test
    void theSameSenderIdBelongsToEachAccountSeparately() {
        ApiFixtures.Customer approved = ApiFixtures.newCustomerWithSender(0, "Shared");
        ApiFixtures.Customer other = ApiFixtures.newCustomer(0);

        request(other, "Shared").statusCode(201).body("status", equalTo("pending"));
        given().auth().oauth2(approved.token()).get("/ng/v1/sender-ids")
                .then().body("sender_ids[0].status", equalTo("approved"));
    }

    @Test
    void anOperatorApprovalShowsInTheList() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        request(customer, "AcmeBank").statusCode(201);
        request(customer, "Promo").statusCode(201);

        ApiFixtures.decideSender(customer, "AcmeBank", "approved");

        given().auth().oauth2(customer.token()).get("/ng/v1/sender-ids")
                .then().statusCode(200)
                .body("sender_ids.size()", equalTo(2))
                .body("sender_ids.find { it.sender_id == 'AcmeBank' }.status", equalTo("approved"))
                .body("sender_ids.find { it.sender_id == 'Promo' }.status", equalTo("pending"));
    }

    @Test
    void anEmptyListIsAnEmptyArray() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        given().auth().oauth2(customer.token()).get("/ng/v1/sender-ids")
                .then().statusCode(200).body("sender_ids", equalTo(List.of()));
    }

    @Test
    void needsABearerToken() {
        given().get("/ng/v1/sender-ids").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("sender_id", "Acme")).post("/ng/v1/sender-ids")
                .then().statusCode(401);
    }

    private static void refusesShape(String senderId) {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        request(customer, senderId)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("invalid_request"))
                .body("errors.field", equalTo(List.of("sender_id")))
                .body("errors[0].code", equalTo("invalid_sender_id"));
        given().auth().oauth2(customer.token()).get("/ng/v1/sender-ids")
                .then().body("sender_ids.size()", equalTo(0));
    }
}
