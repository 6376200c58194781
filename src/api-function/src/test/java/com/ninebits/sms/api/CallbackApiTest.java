package com.ninebits.sms.api;

import com.ninebits.sms.adapters.callback.StatusEventJson;
import com.ninebits.sms.adapters.config.QueueConfig;
import com.ninebits.sms.domain.message.MessageState;
import com.ninebits.sms.domain.callback.CallbackTask;
import com.ninebits.sms.domain.callback.FailedCallbacks;
import com.ninebits.sms.domain.callback.StatusEvent;
import com.ninebits.sms.domain.callback.Subscription;
import com.ninebits.sms.domain.message.MessageKey;
import com.ninebits.sms.testsupport.QueueReader;
import com.ninebits.sms.testsupport.LocalStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Instant;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Failed callbacks: listed per account and re-sent through the callback queue. Invariant: a
 * re-sent event goes back on the queue unchanged, with a fresh 24 hours, and leaves the list; no
 * account sees or re-sends another's.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class CallbackApiTest {

    @Inject
    FailedCallbacks failed;
    @Inject
    SqsClient sqs;
    @Inject
    QueueConfig queues;

    private StatusEvent givenUp(ApiFixtures.Customer c, int index, MessageState.Status status) {
        StatusEvent event = StatusEvent.of(new MessageKey(c.accountId(), "order-17", index),
                new MessageState(index, "234802000000" + index, status, 1, "smsc-" + index,
                        Instant.parse("2026-03-01T10:00:00Z"), Instant.parse("2026-03-01T10:00:01Z"), null),
                new Subscription(null));
        failed.keep(new FailedCallbacks.Failed(event, 15, "http_503", Instant.parse("2026-03-02T10:00:05Z")));
        return event;
    }

    private List<CallbackTask> queuedFor(String accountId) {
        return QueueReader.take(sqs, queues.callbacks().orElseThrow(),
                        body -> StatusEventJson.readTask(body).event().accountId().equals(accountId))
                .stream().map(StatusEventJson::readTask).toList();
    }

    @Test
    void listsAnAccountsFailedCallbacksWithWhyTheyFailed() {
        ApiFixtures.Customer c = ApiFixtures.newCustomer(0);
        StatusEvent event = givenUp(c, 0, MessageState.Status.DELIVERED);

        given().auth().oauth2(c.token()).get("/ng/v1/callbacks/failed")
                .then().statusCode(200)
                .body("failed", hasSize(1))
                .body("failed[0].event_id", equalTo(event.eventId()))
                .body("failed[0].reference_id", equalTo("order-17"))
                .body("failed[0].to", equalTo("2348020000000"))
                .body("failed[0].status", equalTo("delivered"))
                .body("failed[0].smsc_timestamp", equalTo("2026-03-01T10:00:00.000Z"))
                .body("failed[0].attempts", equalTo(15))
                .body("failed[0].last_error", equalTo("http_503"))
                .body("failed[0].failed_at", equalTo("2026-03-02T10:00:05.000Z"))
                .body("next_page_token", nullValue());
    }

    @Test
    void pagesTheList() {
        ApiFixtures.Customer c = ApiFixtures.newCustomer(0);
        for (int i = 0; i < 3; i++) {
            givenUp(c, i, MessageState.Status.DISPATCHED);
        }

        String next = given().auth().oauth2(c.token()).queryParam("page_size", 2).get("/ng/v1/callbacks/failed")
                .then().statusCode(200).body("failed", hasSize(2)).extract().jsonPath().getString("next_page_token");
        given().auth().oauth2(c.token()).queryParam("page_size", 2).queryParam("page_token", next).get("/ng/v1/callbacks/failed")
                .then().statusCode(200).body("failed", hasSize(1)).body("next_page_token", nullValue());
        given().auth().oauth2(c.token()).queryParam("page_size", 0).get("/ng/v1/callbacks/failed")
                .then().statusCode(400).body("errors.field", contains("page_size"));
    }

    @Test
    void reSendsAFailedCallbackThroughTheQueueAndForgetsTheFailure() {
        ApiFixtures.Customer c = ApiFixtures.newCustomer(0);
        StatusEvent event = givenUp(c, 0, MessageState.Status.DELIVERED);

        given().auth().oauth2(c.token()).post("/ng/v1/callbacks/" + event.eventId() + "/retry")
                .then().statusCode(202)
                .body("event_id", equalTo(event.eventId()))
                .body("status", equalTo("queued"));

        List<CallbackTask> queued = queuedFor(c.accountId());
        assertEquals(1, queued.size());
        assertEquals(event, queued.get(0).event());
        assertEquals(0, queued.get(0).attempts());
        assertTrue(queued.get(0).firstDueAt().isAfter(Instant.now().minusSeconds(60)));
        given().auth().oauth2(c.token()).get("/ng/v1/callbacks/failed").then().body("failed", hasSize(0));
        given().auth().oauth2(c.token()).post("/ng/v1/callbacks/" + event.eventId() + "/retry").then().statusCode(404);
    }

    @Test
    void anotherAccountCanNeitherSeeNorReSendIt() {
        ApiFixtures.Customer owner = ApiFixtures.newCustomer(0);
        ApiFixtures.Customer other = ApiFixtures.newCustomer(0);
        StatusEvent event = givenUp(owner, 0, MessageState.Status.DELIVERED);

        given().auth().oauth2(other.token()).get("/ng/v1/callbacks/failed").then().statusCode(200).body("failed", hasSize(0));
        given().auth().oauth2(other.token()).post("/ng/v1/callbacks/" + event.eventId() + "/retry").then().statusCode(404);

        assertEquals(List.of(), queuedFor(owner.accountId()));
        given().auth().oauth2(owner.token()).get("/ng/v1/callbacks/failed").then().body("failed", hasSize(1));
    }

    @Test
    void needsAToken() {
        given().get("/ng/v1/callbacks/failed").then().statusCode(401);
        given().post("/ng/v1/callbacks/evt_x/retry").then().statusCode(401);
    }
}
