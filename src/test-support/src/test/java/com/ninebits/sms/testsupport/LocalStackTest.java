package com.ninebits.sms.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.ninebits.sms.testsupport.Template.Intrinsic;
import com.ninebits.sms.testsupport.Template.Resource;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class LocalStackTest {

    private static final String API_FUNCTION = "ApiFunction";

    private final LocalStack stack = LocalStack.shared();
    private final Template template = stack.template();

    @BeforeEach
    void emptyQueues() {
        stack.purgeQueues();
    }

    @Test
    void createsEveryTableOfTheTemplate() {
        Set<String> expected = template.ofType(LocalStack.TABLE).stream()
                .map(table -> stack.tableName(table.logicalId()))
                .collect(Collectors.toSet());

        assertFalse(expected.isEmpty());
        assertEquals(expected, Set.copyOf(stack.dynamo().listTables().tableNames()));
        for (Resource table : template.ofType(LocalStack.TABLE)) {
            var description = stack.dynamo().describeTable(b -> b.tableName(table.logicalId())).table();
            assertEquals(keyNames(table.properties().get("KeySchema")),
                    description.keySchema().stream().map(k -> k.attributeName()).toList(), table.logicalId());
        }
    }

    @Test
    void createsEveryQueueOfTheTemplateWithItsAttributes() {
        Set<String> expected = template.ofType(LocalStack.QUEUE).stream()
                .map(queue -> stack.queueUrl(queue.logicalId()))
                .collect(Collectors.toSet());

        assertFalse(expected.isEmpty());
        assertEquals(expected, Set.copyOf(stack.sqs().listQueues().queueUrls()));
        for (Resource queue : template.ofType(LocalStack.QUEUE)) {
            Map<String, String> attributes = attributes(queue.logicalId());
            Map<String, Object> p = queue.properties();
            boolean fifo = Boolean.parseBoolean(String.valueOf(p.get("FifoQueue")));
            assertEquals(fifo, stack.queueUrl(queue.logicalId()).endsWith(queue.logicalId() + ".fifo"), queue.logicalId());
            assertEquals(fifo, "true".equals(attributes.get("FifoQueue")), queue.logicalId());
            // ElasticMQ keeps no retention period, so that one is not compared.
            for (String name : List.of("VisibilityTimeout", "DelaySeconds", "ReceiveMessageWaitTimeSeconds")) {
                if (p.containsKey(name)) {
                    assertEquals(String.valueOf(p.get(name)), attributes.get(name), queue.logicalId() + " " + name);
                }
            }
            if (p.containsKey("RedrivePolicy")) {
                String deadLetter = targetOf(queue);
                assertTrue(attributes.get("RedrivePolicy").contains(stack.queueArn(deadLetter)), queue.logicalId());
            }
        }
    }

    @Test
    void conditionalPutRefusesASecondItemWithTheSameKey() {
        Resource table = template.ofType(LocalStack.TABLE).get(0);
        Map<String, String> types = new HashMap<>();
        list(table.properties().get("AttributeDefinitions")).forEach(a -> types.put(
                String.valueOf(((Map<?, ?>) a).get("AttributeName")), String.valueOf(((Map<?, ?>) a).get("AttributeType"))));
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        for (String key : keyNames(table.properties().get("KeySchema"))) {
            item.put(key, "N".equals(types.get(key))
                    ? AttributeValue.fromN(String.valueOf(System.nanoTime()))
                    : AttributeValue.fromS("test#" + UUID.randomUUID()));
        }
        String firstKey = item.keySet().iterator().next();
        Runnable putIfAbsent = () -> stack.dynamo().putItem(b -> b.tableName(stack.tableName(table.logicalId()))
                .item(item)
                .conditionExpression("attribute_not_exists(#k)")
                .expressionAttributeNames(Map.of("#k", firstKey)));

        putIfAbsent.run();

        assertThrows(ConditionalCheckFailedException.class, putIfAbsent::run);
    }

    static Stream<String> fifoQueues() {
        return LocalStack.shared().template().ofType(LocalStack.QUEUE).stream()
                .filter(q -> Boolean.parseBoolean(String.valueOf(q.properties().get("FifoQueue"))))
                .map(Resource::logicalId);
    }

    @ParameterizedTest
    @MethodSource("fifoQueues")
    void fifoQueueKeepsOrderWithinEachGroup(String queue) {
        String url = stack.queueUrl(queue);
        List<String> groups = List.of("account-a", "account-b");
        for (int i = 0; i < 5; i++) {
            for (String group : groups) {
                String body = group + "/" + i;
                stack.sqs().sendMessage(b -> b.queueUrl(url).messageBody(body).messageGroupId(group)
                        .messageDeduplicationId(UUID.randomUUID().toString()));
            }
        }
        Map<String, List<String>> received = new LinkedHashMap<>();
        for (Message message : QueueReader.takeMessages(stack.sqs(), url, m -> true)) {
            received.computeIfAbsent(message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID),
                    g -> new ArrayList<>()).add(message.body());
        }

        for (String group : groups) {
            assertEquals(List.of(group + "/0", group + "/1", group + "/2", group + "/3", group + "/4"),
                    received.get(group), queue);
        }
    }

    static Stream<String> queuesWithRedrive() {
        return LocalStack.shared().template().ofType(LocalStack.QUEUE).stream()
                .filter(q -> q.properties().containsKey("RedrivePolicy"))
                .map(Resource::logicalId);
    }

    @ParameterizedTest
    @MethodSource("queuesWithRedrive")
    void messageMovesToTheDeadLetterQueueAfterMaxReceiveCount(String queue) {
        Resource resource = template.resources().get(queue);
        int maxReceiveCount = Integer.parseInt(String.valueOf(
                ((Map<?, ?>) resource.properties().get("RedrivePolicy")).get("maxReceiveCount")));
        String url = stack.queueUrl(queue);
        String deadLetterUrl = stack.queueUrl(targetOf(resource));
        String body = "poison-" + UUID.randomUUID();
        stack.sqs().sendMessage(b -> {
            b.queueUrl(url).messageBody(body);
            if (url.endsWith(".fifo")) {
                b.messageGroupId("account-a").messageDeduplicationId(UUID.randomUUID().toString());
            }
        });

        int receives = 0;
        while (!stack.sqs().receiveMessage(b -> b.queueUrl(url).visibilityTimeout(0)).messages().isEmpty()) {
            receives++;
            assertTrue(receives <= maxReceiveCount, "received more than maxReceiveCount from " + queue);
        }
        List<String> deadLetters = QueueReader.take(stack.sqs(), deadLetterUrl, any -> true);

        assertEquals(maxReceiveCount, receives);
        assertEquals(List.of(body), deadLetters);
    }

    @Test
    void environmentResolvesTablesQueuesAndParameters() {
        Map<String, String> environment = stack.environment(API_FUNCTION);
        Map<String, Object> declared = new LinkedHashMap<>(template.globalEnvironment());
        declared.putAll(template.function(API_FUNCTION).environment());

        int tables = 0;
        int queues = 0;
        for (var variable : declared.entrySet()) {
            String name = variable.getKey();
            if (variable.getValue() instanceof Intrinsic ref && ref.tag().equals("Ref")) {
                String target = String.valueOf(ref.value());
                Resource resource = template.resources().get(target);
                Map<?, ?> parameter = (Map<?, ?>) template.parameters().get(target);
                if (resource != null && resource.type().equals(LocalStack.TABLE)) {
                    assertEquals(stack.tableName(target), environment.get(name), name);
                    tables++;
                } else if (resource != null && resource.type().equals(LocalStack.QUEUE)) {
                    assertEquals(stack.queueUrl(target), environment.get(name), name);
                    queues++;
                } else if (parameter != null && parameter.containsKey("Default")) {
                    assertEquals(String.valueOf(parameter.get("Default")), environment.get(name), name);
                }
            } else if (variable.getValue() instanceof String literal) {
                assertEquals(literal.contains("{{resolve:") ? null : literal, environment.get(name), name);
            }
        }
        assertTrue(tables > 0 && queues > 0, "the function's environment names tables and queues");
        for (var variable : environment.entrySet()) {
            String value = variable.getValue();
            assertFalse(value.contains("${") || value.contains("{{resolve:") || value.contains("Intrinsic["),
                    variable.getKey() + " is unresolved: " + value);
        }
        assertEquals("us-east-1", environment.get("AWS_REGION"));
        assertEquals("local", environment.get("AWS_ACCESS_KEY_ID"));
        assertEquals("local", environment.get("AWS_SECRET_ACCESS_KEY"));
        assertEquals(stack.dynamoEndpoint().toString(), environment.get("SMS_AWS_ENDPOINT_DYNAMODB"));
        assertEquals(stack.sqsEndpoint().toString(), environment.get("SMS_AWS_ENDPOINT_SQS"));
    }

    @Test
    void resolvedQueueUrlsAnswer() {
        for (Resource queue : template.ofType(LocalStack.QUEUE)) {
            assertEquals(stack.queueArn(queue.logicalId()),
                    attributes(queue.logicalId()).get(QueueAttributeName.QUEUE_ARN.toString()));
        }
    }

    @Test
    void configPropertiesAreTheSmsVariablesAsDottedLowercaseKeys() {
        Map<String, String> environment = stack.environment(API_FUNCTION);
        Map<String, String> properties = stack.configProperties(API_FUNCTION);

        assertEquals("sms.table.accounts", LocalStack.propertyName("SMS_TABLE_ACCOUNTS"));
        environment.forEach((name, value) -> {
            if (name.startsWith("SMS_")) {
                assertEquals(value, properties.get(LocalStack.propertyName(name)), name);
            }
        });
        assertEquals(environment.keySet().stream().filter(n -> n.startsWith("SMS_")).count(), properties.size());
        properties.keySet().forEach(key -> assertTrue(key.matches("sms(\\.[a-z0-9]+)+"), key));
        assertEquals("us-east-1", properties.get("sms.aws.region"));
        assertEquals(stack.dynamoEndpoint().toString(), properties.get("sms.aws.endpoint.dynamodb"));
        assertEquals(stack.sqsEndpoint().toString(), properties.get("sms.aws.endpoint.sqs"));
    }

    @Test
    void unknownLogicalIdsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> stack.tableName("NoSuchTable"));
        assertThrows(IllegalArgumentException.class, () -> stack.queueUrl("NoSuchQueue"));
        assertThrows(IllegalArgumentException.class, () -> stack.environment("NoSuchFunction"));
    }

    @Test
    void closeStopsBothServers() {
        LocalStack own = LocalStack.start(stack.repoRoot());
        URI dynamo = own.dynamoEndpoint();
        URI sqs = own.sqsEndpoint();
        assertEquals(stack.dynamo().listTables().tableNames(), own.dynamo().listTables().tableNames());

        own.close();

        assertFalse(accepts(dynamo), "dynalite still listening");
        assertFalse(accepts(sqs), "ElasticMQ still listening");
    }

    private Map<String, String> attributes(String queue) {
        return stack.sqs().getQueueAttributes(b -> b.queueUrl(stack.queueUrl(queue))
                .attributeNamesWithStrings("All")).attributesAsStrings();
    }

    private static String targetOf(Resource queue) {
        Intrinsic target = (Intrinsic) ((Map<?, ?>) queue.properties().get("RedrivePolicy")).get("deadLetterTargetArn");
        return target.value() instanceof List<?> parts
                ? String.valueOf(parts.get(0))
                : String.valueOf(target.value()).split("\\.")[0];
    }

    private static List<String> keyNames(Object keySchema) {
        return list(keySchema).stream().map(k -> String.valueOf(((Map<?, ?>) k).get("AttributeName"))).toList();
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }

    private static boolean accepts(URI endpoint) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 500);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
