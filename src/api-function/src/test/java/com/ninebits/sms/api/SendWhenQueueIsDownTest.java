package com.ninebits.sms.api;

import com.ninebits.sms.adapters.dynamo.Keys;
import com.ninebits.sms.testsupport.LocalStack;
import com.ninebits.sms.testsupport.LocalStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A 5xx never leaves half a batch stored: with the dispatch queue down, a send takes no effect at all. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
@TestProfile(QueueDownProfile.class)
class SendWhenQueueIsDownTest {

    private static final long BALANCE = 100;

    private static Response send(ApiFixtures.Customer c, Map<String, Object> body) {
        return given().auth().oauth2(c.token()).contentType(ContentType.JSON).body(body).post("/ng/v1/sendsms");
    }

    private static long balance(ApiFixtures.Customer c) {
        return given().auth().oauth2(c.token()).get("/ng/v1/account").then().statusCode(200)
                .extract().jsonPath().getLong("balance");
    }

    private static Map<String, AttributeValue> storedItem(String table, Keys.Key key) {
        LocalStack stack = LocalStack.shared();
        return stack.dynamo().getItem(b -> b.tableName(stack.tableName(table)).consistentRead(true)
                .key(key.attributes())).item();
    }

    @Test
    void answers503AndLeavesNothingBehind() {
        var c = ApiFixtures.newCustomerWithSender(BALANCE, "myCode");
        String ref = "down-" + UUID.randomUUID();
        Map<String, Object> request = Map.of("from", "myCode", "to", List.of("+2348020000000", "08020000001"),
                "body", "Hello", "reference_id", ref);

        send(c, request)
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("status", equalTo(503))
                .body("code", equalTo("temporarily_unavailable"));

        assertEquals(BALANCE, balance(c), "a refused batch is not charged");
        given().auth().oauth2(c.token()).get("/ng/v1/sendsms/status/" + ref)
                .then().statusCode(404);
        Map<String, AttributeValue> claim = storedItem("BatchesTable", Keys.batch(c.accountId(), ref));
        assertTrue(claim == null || claim.isEmpty(), "the claim on the reference was left stored: " + claim);
        Map<String, AttributeValue> profile = storedItem("AccountsTable", Keys.profile(c.accountId()));
        assertFalse(profile.containsKey("reservations") && profile.get("reservations").hasM()
                        && !profile.get("reservations").m().isEmpty(),
                "a reservation was left recorded: " + profile.get("reservations"));
    }

    /**
     * A claim left behind would make the retry wait for it and answer 409; a free reference goes
     * through acceptance again, and only the queue stops it.
     */
    @Test
    void leavesTheReferenceFreeForTheRetry() {
        var c = ApiFixtures.newCustomerWithSender(BALANCE, "myCode");
        String ref = "down-" + UUID.randomUUID();
        Map<String, Object> request = Map.of("from", "myCode", "to", "+2348020000000", "body", "Hello",
                "reference_id", ref);
        send(c, request).then().statusCode(503);

        send(c, request)
                .then().statusCode(503)
                .body("code", equalTo("temporarily_unavailable"));
        send(c, Map.of("from", "myCode", "to", "+2348020000000", "body", "Another text", "reference_id", ref))
                .then().statusCode(503)
                .body("code", equalTo("temporarily_unavailable"));

        assertEquals(BALANCE, balance(c));
        Map<String, AttributeValue> claim = storedItem("BatchesTable", Keys.batch(c.accountId(), ref));
        assertTrue(claim == null || claim.isEmpty(), "the claim on the reference was left stored: " + claim);
    }
}
