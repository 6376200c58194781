package com.ninebits.sms.api;

import com.ninebits.sms.testsupport.LocalStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Fault suite, API side: wrong tokens, other accounts' ids (BOLA), oversized and malformed send
 * requests. (Reading another account's batch or group, and the single malformed and oversized
 * cases, are in {@link SendApiTest} and {@link GroupApiTest}; this class adds what they leave out
 * and checks the stores after each refusal.)
 *
 * <p>Invariant: a refused request changes nothing — no batch stored, no credit taken from anyone,
 * nothing on the dispatch queue — and another account's objects (reference ids, groups, sender IDs)
 * can be neither read, nor used, nor told apart from ones that do not exist.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class RequestAbuseFaultTest {

    private static Response send(String token, Object body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/ng/v1/sendsms");
    }

    private static long balance(ApiFixtures.Customer c) {
        return given().auth().oauth2(c.token()).get("/ng/v1/account").then().statusCode(200).extract().jsonPath().getLong("balance");
    }

    private static void assertUntouched(ApiFixtures.Customer c, long balance) {
        assertEquals(balance, balance(c), "no credit taken from " + c.accountId());
        assertEquals(List.of(), ApiQueue.takeAll(c.accountId()), "nothing queued for " + c.accountId());
    }

    @Test
    void aSendWithAWrongOrMissingTokenIsRefusedAndChargesNobody() {
        var victim = ApiFixtures.newCustomerWithSender(10, "myCode");
        String reference = "stolen-" + UUID.randomUUID();
        Map<String, Object> request = Map.of("from", "myCode", "to", "2348020000001", "body", "Hi", "reference_id", reference);
        String forged = victim.token().substring(0, victim.token().length() - 4) + "AAAA";

        for (String token : List.of(forged, "sk_nope", victim.accountId(), "")) {
            send(token, request).then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer"))
                    .contentType("application/problem+json").body("code", equalTo("unauthorized"));
        }
        given().contentType(ContentType.JSON).body(request).post("/ng/v1/sendsms").then().statusCode(401);
        given().header("Authorization", "Basic " + victim.token()).contentType(ContentType.JSON).body(request)
                .post("/ng/v1/sendsms").then().statusCode(401);

        assertUntouched(victim, 10);
        given().auth().oauth2(victim.token()).get("/ng/v1/sendsms/status/" + reference).then().statusCode(404);
    }

    @Test
    void anotherAccountsReferenceIdIsAFreshReferenceForTheCallerAndRevealsNothing() {
        var victim = ApiFixtures.newCustomerWithSender(10, "myCode");
        var attacker = ApiFixtures.newCustomerWithSender(10, "myCode");
        String reference = "shared-" + UUID.randomUUID();
        send(victim.token(), Map.of("from", "myCode", "to", List.of("2348020000001", "2348020000002"), "body", "Victim's secret",
                "reference_id", reference)).then().statusCode(202);
        List<String> victimQueued = ApiQueue.takeAll(victim.accountId());

        // The same reference with a different request: for the victim a conflict; for another account its own new batch.
        send(attacker.token(), Map.of("from", "myCode", "to", "2348020000009", "body", "Mine", "reference_id", reference))
                .then().statusCode(202).header("Idempotent-Replayed", nullValue()).body("recipients_accepted", equalTo(1));
        // The very same request as the victim's: no replay of the victim's answer either.
        send(attacker.token(), Map.of("from", "myCode", "to", List.of("2348020000001", "2348020000002"), "body", "Victim's secret",
                "reference_id", reference)).then().statusCode(409);

        given().auth().oauth2(attacker.token()).get("/ng/v1/sendsms/status/" + reference).then().statusCode(200)
                .body("body", equalTo("Mine")).body("recipients", hasSize(1)).body("recipients[0].to", equalTo("2348020000009"));
        given().auth().oauth2(victim.token()).get("/ng/v1/sendsms/status/" + reference).then().statusCode(200)
                .body("body", equalTo("Victim's secret")).body("recipients_total", equalTo(2));
        assertEquals(1, victimQueued.size());
        assertUntouched(victim, 8);
        assertEquals(9, balance(attacker));
        assertEquals(1, ApiQueue.takeAll(attacker.accountId()).size());
    }

    @Test
    void anotherAccountsGroupInToIsAnUnknownGroupAndNoneOfItsMembersIsSentTo() {
        var victim = ApiFixtures.newCustomerWithSender(10, "myCode");
        var attacker = ApiFixtures.newCustomerWithSender(10, "myCode");
        String groupId = given().auth().oauth2(victim.token()).contentType(ContentType.JSON)
                .body(Map.of("name", "vip", "members", List.of("2348020000031", "2348020000032")))
                .post("/ng/v1/groups").then().statusCode(201).extract().path("group_id");
        String unknownGroup = "grp_" + "0".repeat(16);

        // Alone in `to`: refused exactly as a group that does not exist is.
        String asOthers = send(attacker.token(), Map.of("from", "myCode", "to", List.of(groupId), "body", "Hi"))
                .then().statusCode(400).body("errors[0].code", equalTo("unknown_group")).extract().path("errors[0].code");
        String asAbsent = send(attacker.token(), Map.of("from", "myCode", "to", List.of(unknownGroup), "body", "Hi"))
                .then().statusCode(400).extract().path("errors[0].code");
        assertEquals(asAbsent, asOthers);
        // Beside a valid number: the batch goes on without the group, charged for the number alone.
        String reference = "grp-" + UUID.randomUUID();
        send(attacker.token(), Map.of("from", "myCode", "to", List.of(groupId, "2348020000077"), "body", "Hi", "reference_id", reference))
                .then().statusCode(202).body("recipients_accepted", equalTo(1))
                .body("recipients_rejected[0].to", equalTo(groupId)).body("recipients_rejected[0].reason", equalTo("unknown_group"));
        given().auth().oauth2(attacker.token()).get("/ng/v1/sendsms/status/" + reference).then().statusCode(200)
                .body("recipients.to", equalTo(List.of("2348020000077")));

        assertEquals(9, balance(attacker));
        List<String> attackerQueued = ApiQueue.takeAll(attacker.accountId());
        assertEquals(1, attackerQueued.size());
        assertFalse(attackerQueued.get(0).contains("2348020000031") || attackerQueued.get(0).contains("2348020000032"),
                "no member of the victim's group is sent to: " + attackerQueued.get(0));
        given().auth().oauth2(victim.token()).get("/ng/v1/groups/" + groupId).then().statusCode(200).body("size", equalTo(2));
        assertUntouched(victim, 10);
    }

    @Test
    void anotherAccountsSenderIdCannotBeUsed() {
        var victim = ApiFixtures.newCustomerWithSender(10, "VictimBank");
        var attacker = ApiFixtures.newCustomerWithSender(10, "myCode");

        send(attacker.token(), Map.of("from", "VictimBank", "to", "2348020000001", "body", "Your account is locked"))
                .then().statusCode(403).body("code", equalTo("sender_not_registered"));

        assertUntouched(attacker, 10);
        assertUntouched(victim, 10);
    }

    @Test
    void malformedAndOversizedSendsAreRefusedAndChangeNothing() {
        var c = ApiFixtures.newCustomerWithSender(10, "myCode");
        String reference = "bad-" + UUID.randomUUID();
        List<String> bodies = List.of(
                "",
                "null",
                "[]",
                "\"a string\"",
                "{\"from\":\"myCode\",\"to\":[\"2348020000001\"],\"body\":\"Hi\",\"reference_id\":\"" + reference + "\"",
                "{\"from\":\"myCode\",\"to\":{\"a\":1},\"body\":\"Hi\",\"reference_id\":\"" + reference + "\"}",
                "{\"from\":\"myCode\",\"to\":[\"2348020000001\"],\"body\":42,\"reference_id\":\"" + reference + "\"}",
                "{\"from\":\"myCode\",\"to\":[\"2348020000001\"],\"body\":\"Hi\",\"content\":\"Other\",\"reference_id\":\"" + reference + "\"}",
                "{\"from\":\"myCode\",\"to\":[[\"2348020000001\"]],\"body\":\"Hi\",\"reference_id\":\"" + reference + "\"}",
                "{\"from\":\"myCode\",\"to\":[\"2348020000001\"],\"body\":\"Hi\",\"reference_id\":{\"$ne\":null}}",
                "{\"from\":\"myCode\",\"to\":[\"2348020000001\"],\"body\":\"" + "z".repeat(10 * 153 + 1) + "\",\"reference_id\":\"" + reference + "\"}");
        for (String body : bodies) {
            int status = given().auth().oauth2(c.token()).contentType(ContentType.JSON).body(body).post("/ng/v1/sendsms")
                    .then().contentType("application/problem+json").body("status", not(equalTo(202)))
                    .extract().statusCode();
            assertEquals(400, status, "malformed or invalid: " + (body.length() > 80 ? body.substring(0, 80) + "…" : body));
        }
        String huge = "{\"from\":\"myCode\",\"to\":[\"2348020000001\"],\"body\":\"Hi\",\"reference_id\":\"" + reference
                + "\",\"padding\":\"" + "p".repeat(SendResource.MAX_BODY) + "\"}";
        given().auth().oauth2(c.token()).contentType(ContentType.JSON).body(huge).post("/ng/v1/sendsms")
                .then().statusCode(413).contentType("application/problem+json");

        given().auth().oauth2(c.token()).get("/ng/v1/sendsms/status/" + reference).then().statusCode(404);
        assertUntouched(c, 10);
    }

    /** A store key limit is not an outage: an id longer than any the gateway gives out names nothing. */
    @Test
    void overlongIdentifiersAreNotFoundOrInvalidNeverUnavailable() {
        var c = ApiFixtures.newCustomerWithSender(10, "myCode");
        String token = c.token();
        given().auth().oauth2(token).get("/ng/v1/sendsms/status/" + "r".repeat(1019)).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(token).get("/ng/v1/groups/grp_" + "g".repeat(1015)).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(token).delete("/ng/v1/groups/grp_" + "g".repeat(1015)).then().statusCode(404);
        given().auth().oauth2(token).post("/ng/v1/callbacks/evt_" + "e".repeat(1014) + "/retry").then().statusCode(404)
                .contentType("application/problem+json");
        String longToken = "A".repeat(1018);
        given().auth().oauth2(token).queryParam("page_token", longToken).get("/ng/v1/callbacks/failed").then().statusCode(400)
                .body("errors[0].code", equalTo("invalid_page_token"));
        String group = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", "g", "members", List.of("2348020000031"))).post("/ng/v1/groups")
                .then().statusCode(201).extract().path("group_id");
        given().auth().oauth2(token).queryParam("page_token", longToken).get("/ng/v1/groups/" + group).then().statusCode(400)
                .body("errors[0].code", equalTo("invalid_page_token"));
        given().header("X-Admin-Key", "test-admin-key").post("/ng/v1/admin/accounts/acc_" + "a".repeat(2041) + "/tokens")
                .then().statusCode(404).contentType("application/problem+json");
        given().header("X-Admin-Key", "test-admin-key").contentType(ContentType.JSON).body(Map.of("amount", 5))
                .post("/ng/v1/admin/accounts/acc_" + "a".repeat(2041) + "/credit").then().statusCode(404);
        assertUntouched(c, 10);
    }

    @Test
    void anOverlongOrMalformedGroupInToIsRejectedAloneAndTheBatchGoesOn() {
        var c = ApiFixtures.newCustomerWithSender(10, "myCode");
        String longGroup = "grp_" + "x".repeat(1015);
        String oddGroup = "grp_{\"$ne\":1}";
        send(c.token(), Map.of("from", "myCode", "to", List.of(longGroup, oddGroup, "2348020000077"), "body", "Hi"))
                .then().statusCode(202).body("recipients_accepted", equalTo(1))
                .body("recipients_rejected.reason", equalTo(List.of("unknown_group", "unknown_group")));
        send(c.token(), Map.of("from", "myCode", "to", List.of(longGroup), "body", "Hi"))
                .then().statusCode(400).body("errors[0].code", equalTo("unknown_group"));
        assertEquals(9, balance(c));
        assertEquals(1, ApiQueue.takeAll(c.accountId()).size());
    }

    /** Jackson reads the first value and stops: the rest of a body must not be silently dropped. */
    @Test
    void looseJsonIsRefusedAndChargesNothing() {
        var c = ApiFixtures.newCustomerWithSender(10, "myCode");
        String reference = "loose-" + UUID.randomUUID();
        String one = "{\"from\":\"myCode\",\"to\":[\"2348020000001\"],\"body\":\"Hi\",\"reference_id\":\"" + reference + "\"}";
        for (String body : List.of(one + one, one + "garbage", one + "]", one + " {")) {
            given().auth().oauth2(c.token()).contentType(ContentType.JSON).body(body).post("/ng/v1/sendsms")
                    .then().statusCode(400).contentType("application/problem+json").body("errors[0].code", equalTo("malformed_json"));
        }
        given().auth().oauth2(c.token()).contentType(ContentType.JSON)
                .body("{\"from\":\"myCode\",\"to\":[2348020000001],\"body\":\"Hi\",\"reference_id\":\"" + reference + "\"}")
                .post("/ng/v1/sendsms").then().statusCode(400).body("errors[0].field", equalTo("to[0]"))
                .body("errors[0].code", equalTo("invalid_type"));
        given().auth().oauth2(c.token()).get("/ng/v1/sendsms/status/" + reference).then().statusCode(404);
        assertUntouched(c, 10);
    }

    @Test
    void aBodyThatIsNotJsonIsUnsupportedMediaType() {
        var c = ApiFixtures.newCustomerWithSender(10, "myCode");
        String json = "{\"from\":\"myCode\",\"to\":[\"2348020000001\"],\"body\":\"Hi\"}";
        for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded")) {
            given().auth().oauth2(c.token()).contentType(type).body(json).post("/ng/v1/sendsms")
                    .then().statusCode(415).contentType("application/problem+json").body("code", equalTo("unsupported_media_type"));
        }
        assertUntouched(c, 10);
    }

    @Test
    void matrixParametersAfterAPathNameNothing() {
        var c = ApiFixtures.newCustomerWithSender(10, "myCode");
        String reference = "matrix-" + UUID.randomUUID();
        send(c.token(), Map.of("from", "myCode", "to", "2348020000001", "body", "Hi", "reference_id", reference))
                .then().statusCode(202);
        given().auth().oauth2(c.token()).get("/ng/v1/sendsms/status/" + reference).then().statusCode(200);
        given().auth().oauth2(c.token()).urlEncodingEnabled(false).get("/ng/v1/sendsms/status/" + reference + ";x=1")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void dotReferencesAreRefused() {
        var c = ApiFixtures.newCustomerWithSender(10, "myCode");
        for (String reference : List.of(".", "..")) {
            send(c.token(), Map.of("from", "myCode", "to", "2348020000001", "body", "Hi", "reference_id", reference))
                    .then().statusCode(400).body("errors[0].field", equalTo("reference_id"))
                    .body("errors[0].code", equalTo("invalid_reference"));
        }
        assertUntouched(c, 10);
    }

    @Test
    void anUnknownRouteIsAProblem() {
        given().get("/no/such/route").then().statusCode(404).contentType("application/problem+json")
                .body("code", equalTo("not_found"));
    }

    /** As large as a Lambda invocation carries: still the endpoint's own refusal, in problem+json. */
    @Test
    void aSixMegabyteBodyIsTooLargeAsAProblem() {
        var c = ApiFixtures.newCustomerWithSender(10, "myCode");
        String huge = "{\"from\":\"myCode\",\"to\":[\"2348020000001\"],\"body\":\"Hi\",\"padding\":\""
                + "p".repeat(6 * 1024 * 1024) + "\"}";
        given().auth().oauth2(c.token()).contentType(ContentType.JSON).body(huge).post("/ng/v1/sendsms")
                .then().statusCode(413).contentType("application/problem+json").body("status", equalTo(413));
        assertUntouched(c, 10);
    }
}
