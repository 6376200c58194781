package com.ninebits.sms.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ninebits.sms.domain.account.AccountStore;
import com.ninebits.sms.domain.batch.Batch;
import com.ninebits.sms.domain.batch.BatchStore;
import com.ninebits.sms.testsupport.LocalStack;
import com.ninebits.sms.testsupport.LocalStackResource;
import com.ninebits.sms.testsupport.QueueReader;
import com.ninebits.sms.testsupport.TestAccount;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class,
        initArgs = @ResourceArg(name = LocalStackResource.FUNCTION_ARG, value = "SendRequestFunction"))
class SendRequestHandlerTest {

    private static final String SENDER = "MyBrand";
    private static final List<String> TWO_NUMBERS = List.of("+2348031234567", "08031234568");

    @Inject
    Customers customers;


    @Inject
    AccountStore accounts;

    @Inject
    BatchStore batches;

    @Inject
    com.ninebits.sms.domain.optout.OptOutStore optOuts;

    private final ObjectMapper json = new ObjectMapper();
    private final SqsClient sqs = LocalStack.shared().sqs();
    private final String deadLetterQueue = LocalStack.shared().queueUrl("SendRequestDeadLetterQueue");
    private final String dispatchQueue = LocalStack.shared().queueUrl("DispatchQueue");

    @BeforeEach
    void emptyQueues() {
        sqs.purgeQueue(b -> b.queueUrl(deadLetterQueue));
        sqs.purgeQueue(b -> b.queueUrl(dispatchQueue));
    }

    @Test
    void acceptsAValidRequestChargesItAndQueuesItForDispatch() {
        String account = customer(100);
        String reference = reference();

        List<String> failed = SqsEvents.invoke(SqsEvents.event(SqsEvents.record(message(account, request(reference)))));

        assertEquals(List.of(), failed);
        Batch batch = batches.find(account, reference).orElseThrow();
        assertEquals(Batch.State.ACCEPTED, batch.state());
        assertEquals(List.of("2348031234567", "2348031234568"), batch.recipients());
        assertEquals(98, balance(account));
        List<Message> dispatched = dispatchMessagesOf(account);
        assertEquals(1, dispatched.size());
        assertTrue(dispatched.get(0).body().contains(reference));
        assertEquals(List.of(), deadLettersOf(account));
    }

    // Invariant: the queue path resolves recipients as the HTTP path does: an opted-out number is
    // rejected alone and not charged.
    @Test
    void rejectsAnOptedOutRecipientAloneAndDoesNotChargeIt() {
        String account = customer(100);
        optOuts.add(account, List.of("2348031234568"), java.time.Instant.now());
        String reference = reference();

        List<String> failed = SqsEvents.invoke(SqsEvents.event(SqsEvents.record(message(account, request(reference)))));

        assertEquals(List.of(), failed);
        Batch batch = batches.find(account, reference).orElseThrow();
        assertEquals(List.of("2348031234567"), batch.recipients());
        assertEquals(List.of(new Batch.Rejected("08031234568", "opted_out")), batch.rejected());
        assertEquals(99, balance(account));
        assertEquals(List.of(), deadLettersOf(account));
    }

    @Test
    void deadLettersAnInvalidRequestNamingEveryBadField() throws Exception {
        String account = customer(100);
        String reference = reference();
        Map<String, Object> request = new LinkedHashMap<>(request(reference));
        request.put("from", "not a sender!");
        request.put("to", List.of());
        String body = message(account, request);

        List<String> failed = SqsEvents.invoke(SqsEvents.event(SqsEvents.record(body)));

        assertEquals(List.of(), failed, "a refused request is handled, not retried");
        Message dead = onlyDeadLetterOf(account);
        assertEquals(body, dead.body());
        assertEquals("invalid_request", attribute(dead, "problem_code"));
        assertEquals("400", attribute(dead, "problem_status"));
        assertEquals(reference, attribute(dead, "reference_id"));
        assertFalse(attribute(dead, "problem_detail").isBlank());
        List<String> fields = new ArrayList<>();
        json.readTree(attribute(dead, "problem_errors")).forEach(e -> fields.add(e.get("field").asText()));
        assertTrue(fields.containsAll(List.of("from", "to")), "both bad fields are named: " + fields);
        assertTrue(batches.find(account, reference).isEmpty());
        assertEquals(100, balance(account));
    }

    @Test
    void deadLettersAnUnregisteredSender() {
        String account = customer(100);
        String reference = reference();
        Map<String, Object> request = new LinkedHashMap<>(request(reference));
        request.put("from", "Stranger");

        assertEquals(List.of(), SqsEvents.invoke(SqsEvents.event(SqsEvents.record(message(account, request)))));

        Message dead = onlyDeadLetterOf(account);
        assertEquals("sender_not_registered", attribute(dead, "problem_code"));
        assertEquals("403", attribute(dead, "problem_status"));
        assertEquals(Optional.empty(), batches.find(account, reference));
    }

    @Test
    void deadLettersARequestTheBalanceDoesNotCoverAndChargesNothing() {
        String account = customer(1);
        String reference = reference();

        assertEquals(List.of(), SqsEvents.invoke(SqsEvents.event(SqsEvents.record(message(account, request(reference))))));

        Message dead = onlyDeadLetterOf(account);
        assertEquals("insufficient_credit", attribute(dead, "problem_code"));
        assertEquals("402", attribute(dead, "problem_status"));
        assertEquals(1, balance(account));
        assertEquals(Optional.empty(), batches.find(account, reference));
        assertEquals(List.of(), dispatchMessagesOf(account));
    }

    @Test
    void deadLettersARequestForAnUnknownAccount() {
        String account = "acc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);

        assertEquals(List.of(), SqsEvents.invoke(SqsEvents.event(SqsEvents.record(message(account, request(reference()))))));

        Message dead = onlyDeadLetterOf(account);
        assertEquals("unknown_account", attribute(dead, "problem_code"));
        assertEquals("404", attribute(dead, "problem_status"));
    }

    @Test
    void aRedeliveredMessageIsAcceptedAndChargedOnce() {
        String account = customer(100);
        String reference = reference();
        String event = SqsEvents.event(SqsEvents.record("m-" + reference, message(account, request(reference))));

        assertEquals(List.of(), SqsEvents.invoke(event));
        assertEquals(List.of(), SqsEvents.invoke(event));

        assertEquals(Batch.State.ACCEPTED, batches.find(account, reference).orElseThrow().state());
        assertEquals(98, balance(account));
        assertEquals(1, dispatchMessagesOf(account).size());
        assertEquals(List.of(), deadLettersOf(account));
    }

    @Test
    void aRedeliveredMessageWithoutReferenceIsAcceptedOnceUnderItsMessageId() {
        String account = customer(100);
        Map<String, Object> request = new LinkedHashMap<>(request(null));
        String messageId = UUID.randomUUID().toString();
        String event = SqsEvents.event(SqsEvents.record(messageId, message(account, request)));

        assertEquals(List.of(), SqsEvents.invoke(event));
        assertEquals(List.of(), SqsEvents.invoke(event));

        assertEquals(Batch.State.ACCEPTED, batches.find(account, messageId).orElseThrow().state());
        assertEquals(98, balance(account));
        assertEquals(1, dispatchMessagesOf(account).size());
    }

    @Test
    void handlesEachRecordOfAMixedEventOnItsOwn() {
        String account = customer(100);
        String first = reference();
        String invalid = reference();
        String third = reference();
        Map<String, Object> bad = new LinkedHashMap<>(request(invalid));
        bad.remove("body");

        List<String> failed = SqsEvents.invoke(SqsEvents.event(
                SqsEvents.record(message(account, request(first))),
                SqsEvents.record(message(account, bad)),
                SqsEvents.record(message(account, request(third)))));

        assertEquals(List.of(), failed);
        assertEquals(Batch.State.ACCEPTED, batches.find(account, first).orElseThrow().state());
        assertEquals(Batch.State.ACCEPTED, batches.find(account, third).orElseThrow().state());
        assertEquals(Optional.empty(), batches.find(account, invalid));
        assertEquals(invalid, attribute(onlyDeadLetterOf(account), "reference_id"));
        assertEquals(96, balance(account));
        assertEquals(2, dispatchMessagesOf(account).size());
    }

    @Test
    void deadLettersARequestOfThousandsOfBadNumbersWithTheFirstOfItsErrors() throws Exception {
        String account = customer(100);
        Map<String, Object> request = new LinkedHashMap<>(request(reference()));
        request.put("to", IntStream.range(0, 8_000).mapToObj(i -> "12" + i).toList());

        assertEquals(List.of(), SqsEvents.invoke(SqsEvents.event(SqsEvents.record(message(account, request)))));

        Message dead = onlyDeadLetterOf(account);
        assertEquals("invalid_request", attribute(dead, "problem_code"));
        int listed = json.readTree(attribute(dead, "problem_errors")).size();
        assertEquals(8_000, listed + Integer.parseInt(attribute(dead, "problem_errors_omitted")));
    }

    @Test
    void deadLettersABodyThatIsNotJson() {
        String marker = "not json " + UUID.randomUUID();

        assertEquals(List.of(), SqsEvents.invoke(SqsEvents.event(SqsEvents.record(marker))));

        List<Message> dead = QueueReader.peek(sqs, deadLetterQueue, m -> m.body().equals(marker));
        assertEquals(1, dead.size());
        assertEquals("malformed_request", attribute(dead.get(0), "problem_code"));
        assertEquals("400", attribute(dead.get(0), "problem_status"));
    }

    /** The queue path reads as strictly as HTTP: a second object or trailing text is not dropped unseen. */
    @Test
    void deadLettersAMessageWithTrailingTokensAndChargesNothing() {
        String account = customer(100);
        String one = message(account, request(reference()));
        for (String body : List.of(one + one, one + " trailing")) {
            assertEquals(List.of(), SqsEvents.invoke(SqsEvents.event(SqsEvents.record(body))));
            List<Message> dead = QueueReader.peek(sqs, deadLetterQueue, m -> m.body().equals(body));
            assertEquals(1, dead.size());
            assertEquals("malformed_request", attribute(dead.get(0), "problem_code"));
        }
        assertEquals(100, balance(account));
        assertEquals(List.of(), dispatchMessagesOf(account));
    }

    @Test
    void deadLettersAMessageWithoutAccountNamingTheMissingField() throws Exception {
        String reference = reference();
        String body = SqsEvents.json(Map.of("request", request(reference)));

        assertEquals(List.of(), SqsEvents.invoke(SqsEvents.event(SqsEvents.record(body))));

        List<Message> dead = QueueReader.peek(sqs, deadLetterQueue, m -> m.body().equals(body));
        assertEquals(1, dead.size());
        assertEquals("malformed_request", attribute(dead.get(0), "problem_code"));
        assertEquals(reference, attribute(dead.get(0), "reference_id"));
        JsonNode errors = json.readTree(attribute(dead.get(0), "problem_errors"));
        assertEquals("account_id", errors.get(0).get("field").asText());
    }

    @Test
    void acceptsAMessageAsTheRealQueueDeliversIt() {
        String account = customer(100);
        String reference = reference();
        String queue = LocalStack.shared().queueUrl("SendRequestQueue");
        String sent = sqs.sendMessage(b -> b.queueUrl(queue).messageBody(message(account, request(reference)))
                .messageAttributes(Map.of("producer", MessageAttributeValue.builder()
                        .dataType("String").stringValue("billing").build()))).messageId();
        Message received = receiveFrom(queue, sent);

        List<String> failed = SqsEvents.invoke(SqsEvents.event(
                SqsEvents.record(received, LocalStack.shared().queueArn("SendRequestQueue"))));

        assertEquals(List.of(), failed);
        sqs.deleteMessage(b -> b.queueUrl(queue).receiptHandle(received.receiptHandle()));
        assertEquals(Batch.State.ACCEPTED, batches.find(account, reference).orElseThrow().state());
        assertEquals(98, balance(account));
    }

    // ------------------------------------------------------------------------- fixtures

    private String customer(long balance) {
        return customers.open(TestAccount.withBalance(balance).sender(SENDER)).accountId();
    }

    private static String reference() {
        return "ref-" + UUID.randomUUID();
    }

    private static Map<String, Object> request(String reference) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("from", SENDER);
        request.put("to", TWO_NUMBERS);
        request.put("body", "Your order has shipped");
        if (reference != null) {
            request.put("reference_id", reference);
        }
        return request;
    }

    private static String message(String account, Map<String, Object> request) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("account_id", account);
        message.put("request", request);
        return SqsEvents.json(message);
    }

    private long balance(String account) {
        return accounts.find(account).orElseThrow().balance();
    }

    private List<Message> dispatchMessagesOf(String account) {
        return QueueReader.peek(sqs, dispatchQueue, m -> m.body().contains("\"" + account + "\""));
    }

    private List<Message> deadLettersOf(String account) {
        return QueueReader.peek(sqs, deadLetterQueue, m -> m.body().contains("\"" + account + "\""));
    }

    private Message onlyDeadLetterOf(String account) {
        List<Message> dead = deadLettersOf(account);
        assertEquals(1, dead.size(), "dead letters of " + account);
        return dead.get(0);
    }

    private Message receiveFrom(String queue, String messageId) {
        List<Message> found = QueueReader.receive(sqs, queue, m -> m.messageId().equals(messageId), Duration.ofSeconds(10));
        assertEquals(1, found.size(), "message " + messageId + " on " + queue);
        return found.get(0);
    }

    private static String attribute(Message message, String name) {
        MessageAttributeValue value = message.messageAttributes().get(name);
        assertTrue(value != null, "attribute " + name + " on " + message.messageAttributes().keySet());
        return value.stringValue();
    }
}
