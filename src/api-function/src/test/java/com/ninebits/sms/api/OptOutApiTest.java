package com.ninebits.sms.api;

import com.ninebits.sms.testsupport.LocalStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code /ng/v1/opt-outs}, and an opted-out recipient rejected alone at {@code POST /ng/v1/sendsms}, not charged. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class OptOutApiTest {

    private static final String PATH = "/ng/v1/opt-outs";

    private static ValidatableResponse add(ApiFixtures.Customer c, Object body) {
        return given().auth().oauth2(c.token()).contentType(ContentType.JSON).body(body).post(PATH).then();
    }

    private static ValidatableResponse list(ApiFixtures.Customer c, Integer pageSize, String pageToken) {
        var request = given().auth().oauth2(c.token());
        if (pageSize != null) {
            request.queryParam("page_size", pageSize);
        }
        if (pageToken != null) {
            request.queryParam("page_token", pageToken);
        }
        return request.get(PATH).then();
    }

    private static long balance(ApiFixtures.Customer c) {
        return given().auth().oauth2(c.token()).get("/ng/v1/account").then().statusCode(200)
                .extract().jsonPath().getLong("balance");
    }

    @Test
    void numbersAreAddedAsRecipientsAreReadAndListed() {
        var c = ApiFixtures.newCustomer(0);

        add(c, Map.of("numbers", List.of("+2348020000001", "08020000002", "002348020000003", "2348020000001")))
                .statusCode(200)
                .body("numbers", equalTo(List.of("2348020000001", "2348020000002", "2348020000003")));

        list(c, null, null).statusCode(200)
                .body("opt_outs.number", equalTo(List.of("2348020000001", "2348020000002", "2348020000003")))
                .body("opt_outs[0].added_at", org.hamcrest.Matchers.matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"))
                .body("next_page_token", nullValue());
    }

    @Test
    void theListIsPaged() {
        var c = ApiFixtures.newCustomer(0);
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            numbers.add("234803000000" + i);
        }
        add(c, Map.of("numbers", numbers)).statusCode(200);

        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            JsonPath page = list(c, 2, token).statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("opt_outs.number"));
            token = page.getString("next_page_token");
            pages++;
        } while (token != null);
        assertEquals(numbers, seen);
        assertEquals(3, pages);
        list(c, 0, null).statusCode(400).body("errors[0].field", equalTo("page_size"));
        list(c, null, "bm90LWEtbnVtYmVy").statusCode(400).body("errors[0].code", equalTo("invalid_page_token"));
    }

    @Test
    void aNonNumberIsNamedAndNothingIsStored() {
        var c = ApiFixtures.newCustomer(0);

        add(c, Map.of("numbers", List.of("+2348020000001", "hello", "12"))).statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("numbers[1]", "numbers[2]")))
                .body("errors.code", equalTo(List.of("invalid_number", "invalid_number")));
        add(c, Map.of()).statusCode(400).body("errors[0].field", equalTo("numbers"));
        add(c, Map.of("numbers", List.of())).statusCode(400).body("errors[0].code", equalTo("empty"));

        list(c, null, null).statusCode(200).body("opt_outs", hasSize(0));
    }

    @Test
    void aNumberIsTakenOffTheListInAnyFormAndOnlyOnce() {
        var c = ApiFixtures.newCustomer(0);
        add(c, Map.of("numbers", List.of("+2348020000001"))).statusCode(200);

        given().auth().oauth2(c.token()).delete(PATH + "/08020000001").then().statusCode(204);
        given().auth().oauth2(c.token()).delete(PATH + "/08020000001").then().statusCode(404);
        given().auth().oauth2(c.token()).delete(PATH + "/not-a-number").then().statusCode(404);
        list(c, null, null).statusCode(200).body("opt_outs", hasSize(0));
    }

    @Test
    void anotherAccountsListIsNeitherSeenNorChanged() {
        var mine = ApiFixtures.newCustomer(0);
        var theirs = ApiFixtures.newCustomer(0);
        add(theirs, Map.of("numbers", List.of("+2348020000001"))).statusCode(200);

        list(mine, null, null).statusCode(200).body("opt_outs", hasSize(0));
        given().auth().oauth2(mine.token()).delete(PATH + "/2348020000001").then().statusCode(404);
        list(theirs, null, null).statusCode(200).body("opt_outs", hasSize(1));
    }

    @Test
    void anOptedOutRecipientIsRejectedAloneAndNotCharged() {
        var c = ApiFixtures.newCustomerWithSender(100, "myCode");
        add(c, Map.of("numbers", List.of("+2348020000001"))).statusCode(200);

        given().auth().oauth2(c.token()).contentType(ContentType.JSON)
                .body(Map.of("from", "myCode", "to", List.of("+2348020000000", "08020000001", "+2348020000002"),
                        "body", "x".repeat(161)))
                .post("/ng/v1/sendsms").then().statusCode(202)
                .body("recipients_accepted", equalTo(2))
                .body("recipients_rejected", equalTo(List.of(Map.of("to", "08020000001", "reason", "opted_out"))));

        assertEquals(96, balance(c), "two parts for each of the two others, none for the opted-out one");
    }

    @Test
    void onlyOptedOutRecipientsIsABadRequestAndChargesNothing() {
        var c = ApiFixtures.newCustomerWithSender(100, "myCode");
        add(c, Map.of("numbers", List.of("+2348020000001"))).statusCode(200);

        given().auth().oauth2(c.token()).contentType(ContentType.JSON)
                .body(Map.of("from", "myCode", "to", List.of("+2348020000001"), "body", "Hi"))
                .post("/ng/v1/sendsms").then().statusCode(400)
                .body("errors[0].code", equalTo("opted_out"));
        assertEquals(100, balance(c));
    }

    @Test
    void withoutATokenNothingIsAnswered() {
        given().get(PATH).then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("numbers", List.of("+2348020000001"))).post(PATH).then().statusCode(401);
    }
}
