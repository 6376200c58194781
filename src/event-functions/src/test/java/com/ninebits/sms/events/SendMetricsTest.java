package com.ninebits.sms.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ninebits.sms.domain.account.AccountAdministration;
import com.ninebits.sms.domain.sender.SenderId;
import com.ninebits.sms.domain.sender.SenderIdRegistry;
import com.ninebits.sms.testsupport.JsonLog;
import com.ninebits.sms.testsupport.LocalStackResource;
import com.ninebits.sms.testsupport.StdoutCapture;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A batch accepted from the send-request queue shows in the function's output as CloudWatch EMF lines. */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class,
        initArgs = @ResourceArg(name = LocalStackResource.FUNCTION_ARG, value = "SendRequestFunction"))
class SendMetricsTest {

    private static final String SENDER = "MyBrand";
    private static final String BODY = "Your parcel code is 884213";
    private static final List<String> NUMBERS = List.of("+2348031234567", "+2348031234568", "+2348031234569");

    private final ObjectMapper json = new ObjectMapper();

    @Inject
    AccountAdministration administration;

    @Inject
    SenderIdRegistry senderIds;

    @Test
    void anAcceptedBatchEmitsItsBatchMessagesAndPartsAsEmbeddedMetrics() throws Exception {
        String account = administration.open(new AccountAdministration.NewAccount("Metrics", "NG", 100, null, null, 100L))
                .account().id();
        senderIds.decide(account, SENDER, SenderId.Status.APPROVED);
        String output;
        List<JsonNode> lines = new ArrayList<>();
        try (StdoutCapture out = StdoutCapture.start()) {
            assertEquals(List.of(), SqsEvents.invoke(SqsEvents.event(SqsEvents.record(message(account)))));
            output = out.text();
            for (String line : out.emfLines()) {
                lines.add(json.readTree(line));
            }
        }
        JsonNode accepted = lines.stream().filter(l -> l.has("BatchesAccepted") && account.equals(l.path("account_id").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no BatchesAccepted EMF line in\n" + output));
        JsonNode directive = accepted.get("_aws").get("CloudWatchMetrics").get(0);
        assertEquals("SmsGateway", directive.get("Namespace").asText());
        List<String> names = new ArrayList<>();
        directive.get("Metrics").forEach(m -> names.add(m.get("Name").asText() + "/" + m.get("Unit").asText()));
        assertEquals(java.util.Set.of("BatchesAccepted/Count", "MessagesAccepted/Count", "PartsCharged/Count"), java.util.Set.copyOf(names));
        assertEquals(1, accepted.get("BatchesAccepted").asInt());
        assertEquals(3, accepted.get("MessagesAccepted").asInt());
        assertEquals(3, accepted.get("PartsCharged").asInt());
        assertEquals("queue", accepted.get("Channel").asText());
        assertTrue(directive.get("Dimensions").toString().contains("Channel"));
        assertFalse(directive.get("Dimensions").toString().contains("account"), "accounts are no dimension");
        JsonLog log = JsonLog.ofTestRun();
        List<JsonNode> ours = log.withMdc("account_id", account);
        assertFalse(ours.isEmpty(), "no JSON log line carries the account_id in its MDC");
        assertTrue(ours.stream().anyMatch(e -> e.path("mdc").path("reference_id").asText().startsWith("metrics-")));
        Map<String, String> secrets = new LinkedHashMap<>();
        NUMBERS.forEach(number -> secrets.put("the number " + number, number.substring(1)));
        secrets.put("the body", BODY);
        assertEquals(List.of(), log.leaked(secrets, output));
    }

    private static String message(String account) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("from", SENDER);
        request.put("to", NUMBERS);
        request.put("body", BODY);
        request.put("reference_id", "metrics-" + UUID.randomUUID());
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("account_id", account);
        message.put("request", request);
        return SqsEvents.json(message);
    }
}
