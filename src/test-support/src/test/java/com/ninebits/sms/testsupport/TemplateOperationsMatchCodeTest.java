package com.ninebits.sms.testsupport;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The template's operating parts against the code (a sibling of {@link TemplateMatchesCodeTest}):
 * every alarm watches a queue, function or metric that exists and notifies the topic; every
 * dead-letter queue, function and the dispatch queue's age is watched; every metric the code emits
 * is on the dashboard; tracing, SnapStart and reserved concurrency are set.
 */
class TemplateOperationsMatchCodeTest {

    private static final Path ROOT = LocalStack.findRepoRoot();
    private static final Template TEMPLATE = Template.load(ROOT.resolve("infra/template.yaml"));
    private static final String ALARM = "AWS::CloudWatch::Alarm";
    private static final Path METRICS = ROOT.resolve("src/adapters/src/main/java/com/ninebits/sms/adapters/metrics/Metric.java");
    private static final Pattern METRIC = Pattern.compile("^\\s+[A-Z_]+\\(\"(\\w+)\", Unit\\.", Pattern.MULTILINE);

    @Test
    void everyAlarmWatchesARealQueueFunctionOrMetricAndNotifiesTheTopic() throws IOException {
        Set<String> metrics = emittedMetrics();
        List<Template.Resource> alarms = TEMPLATE.ofType(ALARM);
        assertFalse(alarms.isEmpty());
        for (Template.Resource alarm : alarms) {
            Map<String, Object> p = alarm.properties();
            String id = alarm.logicalId();
            assertEquals(List.of(new Template.Intrinsic("Ref", "AlarmTopicArn")), p.get("AlarmActions"), id);
            String namespace = String.valueOf(p.get("Namespace"));
            String metric = String.valueOf(p.get("MetricName"));
            switch (namespace) {
                case "AWS/SQS" -> assertEquals(LocalStack.QUEUE, watched(p, "QueueName").type(), id);
                case "AWS/Lambda" -> assertEquals(Template.FUNCTION, watched(p, "FunctionName").type(), id);
                case "SmsGateway" -> assertTrue(metrics.contains(metric), id + " watches " + metric + ", which no code emits");
                default -> throw new AssertionError(id + " watches namespace " + namespace);
            }
        }
    }

    @Test
    void everyDeadLetterQueueFunctionAndTheDispatchQueuesAgeHasAnAlarm() {
        Set<String> watched = new TreeSet<>();
        for (Template.Resource alarm : TEMPLATE.ofType(ALARM)) {
            Map<String, Object> p = alarm.properties();
            for (Object d : (List<?>) p.getOrDefault("Dimensions", List.of())) {
                watched.add(p.get("MetricName") + " " + target(Template.asMap(d).get("Value")));
            }
            watched.add(String.valueOf(p.get("MetricName")));
        }
        for (Template.Resource queue : TEMPLATE.ofType(LocalStack.QUEUE)) {
            Object target = Template.asMap(queue.properties().get("RedrivePolicy")).get("deadLetterTargetArn");
            if (target != null) {
                String deadLetters = target(target);
                assertTrue(watched.contains("ApproximateNumberOfMessagesVisible " + deadLetters), "no depth alarm on " + deadLetters);
            }
        }
        assertTrue(watched.contains("ApproximateAgeOfOldestMessage DispatchQueue"));
        for (Template.FunctionDef f : TEMPLATE.functions()) {
            assertTrue(watched.contains("Errors " + f.logicalId()), "no errors alarm on " + f.logicalId());
            assertTrue(watched.contains("Throttles " + f.logicalId()), "no throttles alarm on " + f.logicalId());
        }
        assertTrue(watched.contains("DlrServerErrors"));
        assertTrue(watched.contains("CallbacksGivenUp"));
    }

    @Test
    void everyMetricTheCodeEmitsIsOnTheDashboard() throws IOException {
        List<Template.Resource> dashboards = TEMPLATE.ofType("AWS::CloudWatch::Dashboard");
        assertEquals(1, dashboards.size());
        String body = String.valueOf(((Template.Intrinsic) dashboards.get(0).properties().get("DashboardBody")).value());
        Set<String> metrics = emittedMetrics();
        assertTrue(metrics.size() >= 15, "read the metric names: " + metrics);
        for (String metric : metrics) {
            assertTrue(body.contains("[ \"SmsGateway\", \"" + metric + "\""), metric + " is emitted but not on the dashboard");
        }
        Matcher onBoard = Pattern.compile("\\[ \"SmsGateway\", \"(\\w+)\"").matcher(body);
        while (onBoard.find()) {
            assertTrue(metrics.contains(onBoard.group(1)), "the dashboard shows " + onBoard.group(1) + ", which no code emits");
        }
        Matcher queues = Pattern.compile("\"QueueName\", \"\\$\\{(\\w+)\\.QueueName}\"").matcher(body);
        while (queues.find()) {
            assertEquals(LocalStack.QUEUE, TEMPLATE.resources().get(queues.group(1)).type(), queues.group(1));
        }
    }

    @Test
    void functionsAreTracedAndTheJvmPackagingRestoresFromSnapStart() {
        Map<String, Object> globals = Template.asMap(Template.asMap(TEMPLATE.raw().get("Globals")).get("Function"));
        assertEquals("Active", globals.get("Tracing"));
        assertNotNull(globals.get("AutoPublishAlias"), "SnapStart applies to published versions: an alias publishes them");
        Object applyOn = Template.asMap(globals.get("SnapStart")).get("ApplyOn");
        assertEquals(new Template.Intrinsic("Fn::If", List.of("IsNative", "None", "PublishedVersions")), applyOn);
    }

    @Test
    void theApiKeepsReservedConcurrencyAndTheDlrWebhookIsCapped() {
        for (String function : List.of("ApiFunction", "DlrFunction")) {
            Object reserved = TEMPLATE.resources().get(function).properties().get("ReservedConcurrentExecutions");
            assertTrue(reserved instanceof Template.Intrinsic ref && ref.tag().equals("Ref")
                    && TEMPLATE.parameters().containsKey(String.valueOf(ref.value())), function + ": " + reserved);
        }
    }

    private static Set<String> emittedMetrics() throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher m = METRIC.matcher(Files.readString(METRICS));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The resource an alarm's dimension names, through {@code !Ref X} or {@code !GetAtt X.QueueName}. */
    private static Template.Resource watched(Map<String, Object> alarm, String dimension) {
        for (Object d : (List<?>) alarm.get("Dimensions")) {
            Map<String, Object> entry = Template.asMap(d);
            if (dimension.equals(entry.get("Name"))) {
                Template.Resource resource = TEMPLATE.resources().get(target(entry.get("Value")));
                assertNotNull(resource, "dimension " + dimension + " names no resource: " + entry.get("Value"));
                return resource;
            }
        }
        throw new AssertionError("no dimension " + dimension + " in " + alarm);
    }

    private static String target(Object value) {
        if (value instanceof Template.Intrinsic i && i.value() instanceof String s) {
            return s.contains(".") ? s.substring(0, s.indexOf('.')) : s;
        }
        if (value instanceof Template.Intrinsic i && i.value() instanceof List<?> l) {
            return String.valueOf(l.get(0));
        }
        return String.valueOf(value);
    }
}
