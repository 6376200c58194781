package com.ninebits.sms.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.sqs.model.Message;

/** Which messages a mapping deletes, for every shape of answer Lambda distinguishes. */
class SqsEventsTest {

    private static final List<Message> BATCH = List.of(message("m1"), message("m2"), message("m3"));

    private static Message message(String id) {
        return Message.builder().messageId(id).receiptHandle("rh-" + id).body("{}").build();
    }

    private static List<String> deleted(String answer, boolean reportBatchItemFailures) {
        InvocationResult result = new InvocationResult.Answered(answer.getBytes(StandardCharsets.UTF_8));
        return SqsEvents.toDelete(BATCH, result, reportBatchItemFailures).stream().map(Message::messageId).toList();
    }

    @Test
    void reportedFailuresStayAndTheRestIsDeleted() {
        assertEquals(List.of("m1", "m3"), deleted("{\"batchItemFailures\":[{\"itemIdentifier\":\"m2\"}]}", true));
        assertEquals(List.of("m2"), deleted(
                "{\"batchItemFailures\":[{\"itemIdentifier\":\"m1\"},{\"itemIdentifier\":\"m3\"}]}", true));
    }

    @Test
    void anAnswerWithoutFailuresDeletesEverything() {
        List<String> all = List.of("m1", "m2", "m3");
        assertEquals(all, deleted("{\"batchItemFailures\":[]}", true));
        assertEquals(all, deleted("{}", true));
        assertEquals(all, deleted("null", true));
        assertEquals(all, deleted("", true));
        assertEquals(all, deleted("{\"batchItemFailures\":null}", true));
    }

    @Test
    void anAnswerLambdaCannotReadFailsTheWholeBatch() {
        assertEquals(List.of(), deleted("{\"batchItemFailures\":[{\"itemIdentifier\":\"not-in-batch\"}]}", true));
        assertEquals(List.of(), deleted("{\"batchItemFailures\":[{\"itemIdentifier\":\"\"}]}", true));
        assertEquals(List.of(), deleted("{\"batchItemFailures\":[{\"other\":\"m1\"}]}", true));
        assertEquals(List.of(), deleted("{\"batchItemFailures\":\"m1\"}", true));
        assertEquals(List.of(), deleted("not json", true));
        assertEquals(List.of(), deleted("[1,2]", true));
    }

    @Test
    void withoutReportBatchItemFailuresAnySuccessDeletesEverything() {
        assertEquals(List.of("m1", "m2", "m3"), deleted("{\"batchItemFailures\":[{\"itemIdentifier\":\"m2\"}]}", false));
    }

    @Test
    void failedOrTimedOutInvocationsDeleteNothing() {
        assertEquals(List.of(), SqsEvents.toDelete(BATCH, new InvocationResult.Failed("E", "boom"), true));
        assertEquals(List.of(), SqsEvents.toDelete(BATCH, new InvocationResult.Failed("E", "boom"), false));
        assertEquals(List.of(), SqsEvents.toDelete(BATCH, new InvocationResult.TimedOut(true), false));
        assertEquals(List.of(), SqsEvents.toDelete(BATCH, new InvocationResult.TimedOut(false), true));
    }
}
