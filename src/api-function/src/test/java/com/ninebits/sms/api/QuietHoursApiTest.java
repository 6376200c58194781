package com.ninebits.sms.api;

import com.ninebits.sms.domain.batch.Timestamps;
import com.ninebits.sms.domain.dispatch.HeldMessages;
import com.ninebits.sms.testsupport.LocalStackResource;
import jakarta.inject.Inject;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** {@code /ng/v1/settings/quiet-hours}, and the {@code quiet_hours} field of a send. */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class QuietHoursApiTest {

    private static final String PATH = "/ng/v1/settings/quiet-hours";

    private static ValidatableResponse put(ApiFixtures.Customer c, Object body) {
        return given().auth().oauth2(c.token()).contentType(ContentType.JSON).body(body).put(PATH).then();
    }

    @Test
    void quietHoursAreSetReadChangedAndCleared() {
        var c = ApiFixtures.newCustomer(0);
        given().auth().oauth2(c.token()).get(PATH).then().statusCode(404).body("code", equalTo("not_found"));

        put(c, Map.of("start", "21:00", "end", "08:00")).statusCode(200)
                .body("start", equalTo("21:00")).body("end", equalTo("08:00"));
        given().auth().oauth2(c.token()).get(PATH).then().statusCode(200)
                .body("start", equalTo("21:00")).body("end", equalTo("08:00"));
        put(c, Map.of("start", "12:00", "end", "13:30")).statusCode(200);
        given().auth().oauth2(c.token()).get(PATH).then().statusCode(200).body("end", equalTo("13:30"));

        given().auth().oauth2(c.token()).delete(PATH).then().statusCode(204);
        given().auth().oauth2(c.token()).delete(PATH).then().statusCode(204);
        given().auth().oauth2(c.token()).get(PATH).then().statusCode(404);
    }

    @Test
    void aBadWindowIsRefusedNamingEachFieldAndNothingIsStored() {
        var c = ApiFixtures.newCustomer(0);

        put(c, Map.of("start", "08:00", "end", "08:00")).statusCode(400)
                .contentType("application/problem+json").body("errors[0].code", equalTo("same_as_start"));
        put(c, Map.of("start", "9pm", "end", "24:00")).statusCode(400)
                .body("errors.field", equalTo(List.of("start", "end")))
                .body("errors.code", equalTo(List.of("invalid_time", "invalid_time")));
        put(c, Map.of()).statusCode(400).body("errors.code", equalTo(List.of("required", "required")));
        put(c, Map.of("start", 21, "end", "08:00")).statusCode(400).body("errors[0].field", equalTo("start"));

        given().auth().oauth2(c.token()).get(PATH).then().statusCode(404);
    }

    @Test
    void anotherAccountsSettingIsNotSeen() {
        var mine = ApiFixtures.newCustomer(0);
        var theirs = ApiFixtures.newCustomer(0);
        put(theirs, Map.of("start", "21:00", "end", "08:00")).statusCode(200);

        given().auth().oauth2(mine.token()).get(PATH).then().statusCode(404);
    }

    @Test
    void aSendTakesAccountOrIgnoreForQuietHoursAndNothingElse() {
        var c = ApiFixtures.newCustomerWithSender(10, "myCode");
        for (String value : List.of("account", "ignore")) {
            given().auth().oauth2(c.token()).contentType(ContentType.JSON)
                    .body(Map.of("from", "myCode", "to", "+2348020000000", "body", "Hi", "quiet_hours", value))
                    .post("/ng/v1/sendsms").then().statusCode(202);
        }
        given().auth().oauth2(c.token()).contentType(ContentType.JSON)
                .body(Map.of("from", "myCode", "to", "+2348020000000", "body", "Hi", "quiet_hours", "never"))
                .post("/ng/v1/sendsms").then().statusCode(400)
                .body("errors[0].field", equalTo("quiet_hours")).body("errors[0].code", equalTo("invalid_value"));
        given().auth().oauth2(c.token()).get("/ng/v1/account").then().body("balance", equalTo(8));
    }

    @Inject
    HeldMessages held;

    // Invariant: a message held for quiet hours shows, on its recipient line, when it goes; the
    // others carry no held_until.
    @Test
    void theStatusPageShowsWhenAHeldMessageGoes() {
        var c = ApiFixtures.newCustomerWithSender(10, "myCode");
        given().auth().oauth2(c.token()).contentType(ContentType.JSON)
                .body(Map.of("from", "myCode", "to", List.of("+2348020000000", "+2348020000001"), "body", "Hi",
                        "reference_id", "held-1"))
                .post("/ng/v1/sendsms").then().statusCode(202);
        Instant morning = Instant.now().plus(Duration.ofHours(10)).truncatedTo(ChronoUnit.MINUTES);
        // As the dispatcher files a message it must hold (the hold itself is tested with the dispatcher).
        held.hold(new HeldMessages.Held(c.accountId(), "held-1", "unused-here", 0, "2348020000000", morning, morning,
                Instant.now()), 1, Instant.now());

        given().auth().oauth2(c.token()).get("/ng/v1/sendsms/status/held-1").then().statusCode(200)
                .body("status", equalTo("queued"))
                .body("recipients[0].status", equalTo("queued"))
                .body("recipients[0].held_until", equalTo(Timestamps.out(morning)))
                .body("recipients[1].held_until", nullValue());
    }

    @Test
    void theSameReferenceWithAndWithoutIgnoreIsAConflict() {
        var c = ApiFixtures.newCustomerWithSender(10, "myCode");
        Map<String, Object> plain = Map.of("from", "myCode", "to", "+2348020000000", "body", "Hi", "reference_id", "q-1");
        given().auth().oauth2(c.token()).contentType(ContentType.JSON).body(plain).post("/ng/v1/sendsms").then().statusCode(202);
        Map<String, Object> explicit = Map.of("from", "myCode", "to", "+2348020000000", "body", "Hi", "reference_id", "q-1",
                "quiet_hours", "account");
        given().auth().oauth2(c.token()).contentType(ContentType.JSON).body(explicit).post("/ng/v1/sendsms").then()
                .statusCode(200).header("Idempotent-Replayed", "true");
        Map<String, Object> ignoring = Map.of("from", "myCode", "to", "+2348020000000", "body", "Hi", "reference_id", "q-1",
                "quiet_hours", "ignore");
        given().auth().oauth2(c.token()).contentType(ContentType.JSON).body(ignoring).post("/ng/v1/sendsms").then()
                .statusCode(409);
    }
}
