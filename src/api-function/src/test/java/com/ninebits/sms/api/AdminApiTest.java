package com.ninebits.sms.api;

import com.ninebits.sms.testsupport.LocalStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class AdminApiTest {

    private static final String UNKNOWN_ACCOUNT = "acc_doesnotexist0000";

    private static RequestSpecification admin() {
        return given().header("X-Admin-Key", ApiFixtures.ADMIN_KEY).contentType(ContentType.JSON);
    }

    private static JsonPath open(Map<String, Object> body) {
        return admin().body(body).post("/ng/v1/admin/accounts").then().statusCode(201).extract().jsonPath();
    }

    private static int accountStatus(String token) {
        return given().auth().oauth2(token).get("/ng/v1/account").then().extract().statusCode();
    }

    // --- opening accounts ---

    @Test
    void opensAnAccountWithDefaultsAndAWorkingToken() {
        JsonPath opened = open(Map.of("name", "Acme Ltd", "default_country", "NG"));

        String accountId = opened.getString("account_id");
        String token = opened.getString("api_token");
        assertEquals(true, accountId.matches("acc_[0-9a-z]{16}"), accountId);
        assertEquals(true, token.startsWith("sk_" + opened.getString("token_id") + "_"), token);
        assertEquals(10, opened.getInt("rate_limit_mps"));
        assertEquals(32, opened.getInt("dispatch_window"));
        assertEquals(10, opened.getInt("max_parts"));
        assertEquals(0L, opened.getLong("balance"));

        given().auth().oauth2(token).get("/ng/v1/account")
                .then().statusCode(200)
                .body("account_id", equalTo(accountId))
                .body("name", equalTo("Acme Ltd"))
                .body("default_country", equalTo("NG"))
                .body("rate_limit_mps", equalTo(10))
                .body("dispatch_window", equalTo(32))
                .body("max_parts", equalTo(10))
                .body("balance", equalTo(0))
                // The token is shown once: nothing that reads the account gives it back.
                .body("api_token", nullValue());
    }

    @Test
    void opensAnAccountWithEveryOptionalSettingGiven() {
        JsonPath opened = open(Map.of("name", "  Beta  ", "default_country", "gh", "rate_limit_mps", 10_000,
                "dispatch_window", 100, "max_parts", 255, "balance", 1_000_000_000L));

        given().auth().oauth2(opened.getString("api_token")).get("/ng/v1/account")
                .then().statusCode(200)
                .body("name", equalTo("Beta"))
                .body("default_country", equalTo("GH"))
                .body("rate_limit_mps", equalTo(10_000))
                .body("dispatch_window", equalTo(100))
                .body("max_parts", equalTo(255))
                .body("balance", equalTo(1_000_000_000));
    }

    @Test
    void acceptsTheLowestSettings() {
        JsonPath opened = open(Map.of("name", "x", "default_country", "NG", "rate_limit_mps", 1, "dispatch_window", 1,
                "max_parts", 1, "balance", 0));
        assertEquals(1, opened.getInt("rate_limit_mps"));
        assertEquals(1, opened.getInt("dispatch_window"));
        assertEquals(1, opened.getInt("max_parts"));
    }

    @Test
    void namesEveryBadFieldOfANewAccountAtOnce() {
        admin().body(Map.of("name", "", "default_country", "XX", "rate_limit_mps", 0, "dispatch_window", 101,
                        "max_parts", 256, "balance", -1))
                .post("/ng/v1/admin/accounts")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("code", equalTo("invalid_request"))
                .body("errors.field", containsInAnyOrder("name", "default_country", "rate_limit_mps", "dispatch_window",
                        "max_parts", "balance"));
    }

    @Test
    void namesMissingAndMistypedFieldsTogetherWithOutOfRangeOnes() {
        admin().body(Map.of("rate_limit_mps", "fast", "max_parts", 0, "balance", 1.5))
                .post("/ng/v1/admin/accounts")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("name", "default_country", "rate_limit_mps", "max_parts",
                        "balance"));
    }

    @Test
    void refusesSettingsJustOutsideTheirRanges() {
        admin().body(Map.of("name", "n".repeat(101), "default_country", "NG", "rate_limit_mps", 10_001,
                        "max_parts", 0, "balance", 1_000_000_001L))
                .post("/ng/v1/admin/accounts")
                .then().statusCode(400)
                .body("errors.field", containsInAnyOrder("name", "rate_limit_mps", "max_parts", "balance"))
                .body("errors.find { it.field == 'rate_limit_mps' }.code", equalTo("out_of_range"));
    }

    // --- changing an account's limits ---

    @Test
    void changesTheDispatchWindowAndLeavesTheOtherLimitsAlone() {
        JsonPath opened = open(Map.of("name", "Gamma", "default_country", "NG", "rate_limit_mps", 200, "max_parts", 5));
        String accountId = opened.getString("account_id");

        admin().body(Map.of("dispatch_window", 8)).patch("/ng/v1/admin/accounts/" + accountId)
                .then().statusCode(200)
                .body("account_id", equalTo(accountId))
                .body("dispatch_window", equalTo(8))
                .body("rate_limit_mps", equalTo(200))
                .body("max_parts", equalTo(5));
        given().auth().oauth2(opened.getString("api_token")).get("/ng/v1/account")
                .then().statusCode(200)
                .body("dispatch_window", equalTo(8))
                .body("rate_limit_mps", equalTo(200));

        admin().body(Map.of("rate_limit_mps", 50, "dispatch_window", 1, "max_parts", 2))
                .patch("/ng/v1/admin/accounts/" + accountId)
                .then().statusCode(200)
                .body("dispatch_window", equalTo(1))
                .body("rate_limit_mps", equalTo(50))
                .body("max_parts", equalTo(2));
    }

    @Test
    void namesEveryBadLimitOfAChangeAtOnceAndChangesNothing() {
        JsonPath opened = open(Map.of("name", "Delta", "default_country", "NG"));
        String accountId = opened.getString("account_id");

        admin().body(Map.of("dispatch_window", 0, "rate_limit_mps", 10_001, "max_parts", "many"))
                .patch("/ng/v1/admin/accounts/" + accountId)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("invalid_request"))
                .body("errors.field", containsInAnyOrder("dispatch_window", "rate_limit_mps", "max_parts"))
                .body("errors.find { it.field == 'dispatch_window' }.code", equalTo("out_of_range"));
        admin().body(Map.of("dispatch_window", 101)).patch("/ng/v1/admin/accounts/" + accountId)
                .then().statusCode(400).body("errors.field", containsInAnyOrder("dispatch_window"));

        given().auth().oauth2(opened.getString("api_token")).get("/ng/v1/account")
                .then().body("dispatch_window", equalTo(32)).body("rate_limit_mps", equalTo(10));
    }

    @Test
    void changesTheRequestRateAndStatusAndShowsThem() {
        JsonPath opened = open(Map.of("name", "Epsilon", "default_country", "NG", "api_rate_limit", 7));
        String accountId = opened.getString("account_id");
        assertEquals(7, opened.getInt("api_rate_limit"));
        assertEquals("active", opened.getString("status"));

        admin().body(Map.of("api_rate_limit", 9)).patch("/ng/v1/admin/accounts/" + accountId)
                .then().statusCode(200).body("api_rate_limit", equalTo(9)).body("status", equalTo("active"))
                .body("dispatch_window", equalTo(32));
        given().auth().oauth2(opened.getString("api_token")).get("/ng/v1/account")
                .then().statusCode(200).body("api_rate_limit", equalTo(9)).body("status", equalTo("active"));
        admin().body(Map.of("status", "suspended")).patch("/ng/v1/admin/accounts/" + accountId)
                .then().statusCode(200).body("status", equalTo("suspended")).body("api_rate_limit", equalTo(9));
    }

    @Test
    void refusesAStatusOrRequestRateItDoesNotKnowAndChangesNothing() {
        String accountId = open(Map.of("name", "Zeta", "default_country", "NG")).getString("account_id");

        admin().body(Map.of("status", "frozen", "api_rate_limit", 0, "dispatch_window", 4))
                .patch("/ng/v1/admin/accounts/" + accountId)
                .then().statusCode(400)
                .body("errors.field", containsInAnyOrder("status", "api_rate_limit"))
                .body("errors.find { it.field == 'status' }.code", equalTo("invalid_status"))
                .body("errors.find { it.field == 'api_rate_limit' }.code", equalTo("out_of_range"));
        admin().body(Map.of("api_rate_limit", 10_001)).patch("/ng/v1/admin/accounts/" + accountId)
                .then().statusCode(400).body("errors.field", containsInAnyOrder("api_rate_limit"));
        admin().body(Map.of()).patch("/ng/v1/admin/accounts/" + accountId)
                .then().statusCode(200).body("dispatch_window", equalTo(32)).body("status", equalTo("active"))
                .body("api_rate_limit", equalTo(50));
    }

    @Test
    void changingAnUnknownAccountIsNotFound() {
        admin().body(Map.of("dispatch_window", 4)).patch("/ng/v1/admin/accounts/" + UNKNOWN_ACCOUNT)
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void changingLimitsNeedsTheOperatorKey() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(10);

        given().contentType(ContentType.JSON).body(Map.of("dispatch_window", 4))
                .patch("/ng/v1/admin/accounts/" + customer.accountId()).then().statusCode(401);
        given().auth().oauth2(customer.token()).contentType(ContentType.JSON).body(Map.of("dispatch_window", 4))
                .patch("/ng/v1/admin/accounts/" + customer.accountId()).then().statusCode(401);
        given().auth().oauth2(customer.token()).get("/ng/v1/account").then().body("dispatch_window", equalTo(32));
    }

    @Test
    void refusesMalformedJsonAsProblem() {
        admin().body("{\"name\": \"Acme\", ")
                .post("/ng/v1/admin/accounts")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("invalid_request"))
                .body("errors[0].field", equalTo("body"))
                .body("errors[0].code", equalTo("malformed_json"));
    }

    @Test
    void refusesABodyThatIsNotAnObject() {
        admin().body("[\"Acme\", \"NG\"]")
                .post("/ng/v1/admin/accounts")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("body"))
                .body("errors[0].code", equalTo("not_an_object"));
    }

    @Test
    void refusesAnEmptyBody() {
        admin().post("/ng/v1/admin/accounts")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("body"));
    }

    @Test
    void refusesABodyTooLargeForTheEndpoint() {
        admin().body(Map.of("name", "Acme", "default_country", "NG", "notes", "x".repeat(9 * 1024)))
                .post("/ng/v1/admin/accounts")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("code", equalTo("payload_too_large"));
    }

    // --- the operator key ---

    @Test
    void refusesTheOperatorApiWithoutAKey() {
        given().contentType(ContentType.JSON).body(Map.of("name", "Acme", "default_country", "NG"))
                .post("/ng/v1/admin/accounts")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("status", equalTo(401))
                .body("code", equalTo("unauthorized"));
    }

    @Test
    void refusesTheOperatorApiWithAWrongKey() {
        given().header("X-Admin-Key", "test-admin-kez").contentType(ContentType.JSON)
                .body(Map.of("name", "Acme", "default_country", "NG"))
                .post("/ng/v1/admin/accounts")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("code", equalTo("unauthorized"));
    }

    @Test
    void refusesEveryOperatorEndpointWithoutTheKey() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(10);
        String base = "/ng/v1/admin/accounts/" + customer.accountId();
        given().post(base + "/tokens").then().statusCode(401);
        given().delete(base + "/tokens/whatever").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("amount", 5)).post(base + "/credit").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("status", "approved"))
                .put(base + "/sender-ids/Acme").then().statusCode(401);
        // Nothing happened: the balance is what it was and no sender ID appeared.
        given().auth().oauth2(customer.token()).get("/ng/v1/account").then().body("balance", equalTo(10));
        given().auth().oauth2(customer.token()).get("/ng/v1/sender-ids").then().body("sender_ids.size()", equalTo(0));
    }

    @Test
    void refusesTheOperatorApiReachedThroughAnUnusualPath() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        for (String path : List.of("/ng/v1/%61dmin/accounts", "/ng/v1/x/../admin/accounts", "/ng/v1/./admin/accounts",
                "/ng/v1/admin;x=1/accounts", "/ng;x=1/v1/admin/accounts", "/ng/v1/admin/accounts/")) {
            given().urlEncodingEnabled(false).contentType(ContentType.JSON)
                    .body(Map.of("name", "Sneaky", "default_country", "NG"))
                    .post(path)
                    .then().statusCode(401);
            given().urlEncodingEnabled(false).auth().oauth2(customer.token()).contentType(ContentType.JSON)
                    .body(Map.of("name", "Sneaky", "default_country", "NG"))
                    .post(path)
                    .then().statusCode(401);
        }
    }

    @Test
    void anApiTokenDoesNotOpenTheOperatorApi() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        given().auth().oauth2(customer.token()).post("/ng/v1/admin/accounts/" + customer.accountId() + "/tokens")
                .then().statusCode(401);
    }

    // --- tokens ---

    @Test
    void issuesASecondTokenAndBothWork() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        JsonPath second = admin().post("/ng/v1/admin/accounts/" + customer.accountId() + "/tokens")
                .then().statusCode(201)
                .body("token_id", matchesPattern("[0-9a-z]{10}"))
                .body("api_token", startsWith("sk_"))
                .extract().jsonPath();

        assertNotEquals(customer.token(), second.getString("api_token"));
        assertEquals(200, accountStatus(customer.token()));
        given().auth().oauth2(second.getString("api_token")).get("/ng/v1/account")
                .then().statusCode(200).body("account_id", equalTo(customer.accountId()));
    }

    @Test
    void aRevokedTokenStopsWorkingAndTheOtherGoesOn() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        JsonPath second = admin().post("/ng/v1/admin/accounts/" + customer.accountId() + "/tokens")
                .then().statusCode(201).extract().jsonPath();

        admin().delete("/ng/v1/admin/accounts/" + customer.accountId() + "/tokens/" + second.getString("token_id"))
                .then().statusCode(204);

        given().auth().oauth2(second.getString("api_token")).get("/ng/v1/account")
                .then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .contentType("application/problem+json");
        assertEquals(200, accountStatus(customer.token()));
    }

    // The function keeps tokens it has read for a few seconds (sms.cache.ttlms); a revocation through it is seen at once.
    @Test
    void aTokenInUseIsRefusedAtOnceAfterItsRevocation() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        String tokenId = com.ninebits.sms.domain.account.ApiToken.idOf(customer.token()).orElseThrow();
        assertEquals(200, accountStatus(customer.token()));
        assertEquals(200, accountStatus(customer.token()));

        admin().delete("/ng/v1/admin/accounts/" + customer.accountId() + "/tokens/" + tokenId).then().statusCode(204);

        assertEquals(401, accountStatus(customer.token()));
    }

    @Test
    void revokingTheSameTokenTwiceIsNotFound() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        String tokenId = com.ninebits.sms.domain.account.ApiToken.idOf(customer.token()).orElseThrow();
        String path = "/ng/v1/admin/accounts/" + customer.accountId() + "/tokens/" + tokenId;
        admin().delete(path).then().statusCode(204);
        assertEquals(401, accountStatus(customer.token()));
        admin().delete(path).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void cannotRevokeAnotherAccountsToken() {
        ApiFixtures.Customer owner = ApiFixtures.newCustomer(0);
        ApiFixtures.Customer other = ApiFixtures.newCustomer(0);
        String ownersTokenId = com.ninebits.sms.domain.account.ApiToken.idOf(owner.token()).orElseThrow();

        admin().delete("/ng/v1/admin/accounts/" + other.accountId() + "/tokens/" + ownersTokenId)
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("not_found"));

        assertEquals(200, accountStatus(owner.token()));
    }

    // --- credit ---

    @Test
    void creditAddsUp() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(100);
        String path = "/ng/v1/admin/accounts/" + customer.accountId() + "/credit";

        admin().body(Map.of("amount", 250)).post(path)
                .then().statusCode(200)
                .body("account_id", equalTo(customer.accountId()))
                .body("balance", equalTo(350));
        admin().body(Map.of("amount", 1)).post(path).then().statusCode(200).body("balance", equalTo(351));

        given().auth().oauth2(customer.token()).get("/ng/v1/account").then().body("balance", equalTo(351));
    }

    @Test
    void refusesZeroAbsentAndNonIntegerAmounts() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(100);
        String path = "/ng/v1/admin/accounts/" + customer.accountId() + "/credit";
        Map<String, Object> nullAmount = new HashMap<>();
        nullAmount.put("amount", null);

        for (Object body : List.of(Map.of("amount", 0), Map.of(), nullAmount, Map.of("amount", 1.5),
                Map.of("amount", "10"), Map.of("amount", true), Map.of("amount", 1_000_000_001L),
                Map.of("amount", new java.math.BigInteger("100000000000000000000")))) {
            admin().body(body).post(path)
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field", equalTo(List.of("amount")));
        }
        given().auth().oauth2(customer.token()).get("/ng/v1/account").then().body("balance", equalTo(100));
    }

    @Test
    void aNegativeCorrectionMayTakeTheBalanceDownToZeroButNotBelow() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(100);
        String path = "/ng/v1/admin/accounts/" + customer.accountId() + "/credit";

        admin().body(Map.of("amount", -30)).post(path).then().statusCode(200).body("balance", equalTo(70));
        admin().body(Map.of("amount", -71)).post(path)
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("insufficient_credit"));
        given().auth().oauth2(customer.token()).get("/ng/v1/account").then().body("balance", equalTo(70));

        admin().body(Map.of("amount", -70)).post(path).then().statusCode(200).body("balance", equalTo(0));
        admin().body(Map.of("amount", -1)).post(path).then().statusCode(409);
    }

    @Test
    void refusesACorrectionBeyondTheLimitEvenAtTheEdgeOfLong() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(100);
        String path = "/ng/v1/admin/accounts/" + customer.accountId() + "/credit";

        for (long amount : new long[]{-1_000_000_001L, Long.MIN_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE}) {
            admin().body(Map.of("amount", amount)).post(path)
                    .then().statusCode(400)
                    .body("errors.field", equalTo(List.of("amount")))
                    .body("errors[0].code", equalTo("out_of_range"));
        }
        given().auth().oauth2(customer.token()).get("/ng/v1/account").then().body("balance", equalTo(100));
    }

    // --- unknown accounts ---

    @Test
    void anUnknownAccountIsNotFoundEverywhere() {
        String base = "/ng/v1/admin/accounts/" + UNKNOWN_ACCOUNT;
        admin().post(base + "/tokens")
                .then().statusCode(404).contentType("application/problem+json").body("code", equalTo("not_found"));
        admin().delete(base + "/tokens/abcdefghij")
                .then().statusCode(404).contentType("application/problem+json");
        admin().body(Map.of("amount", 10)).post(base + "/credit")
                .then().statusCode(404).contentType("application/problem+json");
        admin().body(Map.of("amount", -10)).post(base + "/credit")
                .then().statusCode(404).contentType("application/problem+json");
        admin().body(Map.of("status", "approved")).put(base + "/sender-ids/Acme")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void creditingAnUnknownAccountCreatesNothing() {
        admin().body(Map.of("amount", 10)).post("/ng/v1/admin/accounts/" + UNKNOWN_ACCOUNT + "/credit")
                .then().statusCode(404);
        admin().post("/ng/v1/admin/accounts/" + UNKNOWN_ACCOUNT + "/tokens").then().statusCode(404);
    }

    // --- sender IDs ---

    @Test
    void approvesARequestedSenderId() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        given().auth().oauth2(customer.token()).contentType(ContentType.JSON).body(Map.of("sender_id", "AcmeBank"))
                .post("/ng/v1/sender-ids").then().statusCode(201).body("status", equalTo("pending"));

        admin().body(Map.of("status", "approved"))
                .put("/ng/v1/admin/accounts/" + customer.accountId() + "/sender-ids/AcmeBank")
                .then().statusCode(200)
                .body("sender_id", equalTo("AcmeBank"))
                .body("status", equalTo("approved"));

        given().auth().oauth2(customer.token()).get("/ng/v1/sender-ids")
                .then().statusCode(200)
                .body("sender_ids.size()", equalTo(1))
                .body("sender_ids[0].sender_id", equalTo("AcmeBank"))
                .body("sender_ids[0].status", equalTo("approved"));
    }

    @Test
    void rejectsASenderIdAndCanApproveOneNobodyRequested() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        String base = "/ng/v1/admin/accounts/" + customer.accountId() + "/sender-ids/";

        admin().body(Map.of("status", "rejected")).put(base + "FakeBank")
                .then().statusCode(200).body("status", equalTo("rejected"));
        admin().body(Map.of("status", "APPROVED")).put(base + "2348020000000")
                .then().statusCode(200).body("status", equalTo("approved"));

        given().auth().oauth2(customer.token()).get("/ng/v1/sender-ids")
                .then().statusCode(200)
                .body("sender_ids.size()", equalTo(2))
                .body("sender_ids.find { it.sender_id == 'FakeBank' }.status", equalTo("rejected"))
                .body("sender_ids.find { it.sender_id == '2348020000000' }.status", equalTo("approved"));
    }

    @Test
    void refusesAnInvalidSenderIdStatus() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        String path = "/ng/v1/admin/accounts/" + customer.accountId() + "/sender-ids/Acme";

        for (Object body : List.of(Map.of("status", "pending"), Map.of("status", "maybe"), Map.of("status", 1),
                Map.of())) {
            admin().body(body).put(path)
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field", equalTo(List.of("status")));
        }
        given().auth().oauth2(customer.token()).get("/ng/v1/sender-ids").then().body("sender_ids.size()", equalTo(0));
    }

    @Test
    void refusesToDecideASenderIdOfAnInvalidShape() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        admin().body(Map.of("status", "approved"))
                .put("/ng/v1/admin/accounts/" + customer.accountId() + "/sender-ids/TwelveLetter")
                .then().statusCode(400)
                .body("errors.field", hasItem("sender_id"))
                .body("errors.field", not(hasItem("status")));
    }

    @Test
    void refusesMalformedJsonWhenDecidingASenderId() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        admin().body("{status: approved}")
                .put("/ng/v1/admin/accounts/" + customer.accountId() + "/sender-ids/Acme")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].code", equalTo("malformed_json"));
    }

    @Test
    void refusesACreditBodyThatIsNotAnObject() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(5);
        admin().body("42").post("/ng/v1/admin/accounts/" + customer.accountId() + "/credit")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].code", equalTo("not_an_object"));
        given().auth().oauth2(customer.token()).get("/ng/v1/account").then().body("balance", equalTo(5));
    }
}
