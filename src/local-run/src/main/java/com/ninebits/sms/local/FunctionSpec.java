package com.ninebits.sms.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.ninebits.sms.testsupport.Template;

/**
 * One function of the template as the local run needs it: its code (the CodeUri artifact), its
 * handler, timeout and memory, and the event sources that feed it.
 */
record FunctionSpec(String logicalId, Path code, String handler, Duration timeout, int memoryMb, List<HttpRoute> routes,
        List<QueueSource> queues, List<ScheduleSource> schedules, List<String> ignoredEvents) {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    static final int DEFAULT_MEMORY_MB = 128;
    static final String DEFAULT_HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";

    /** An event of the function as the template declares it. */
    record Event(String name, String type, Map<String, Object> properties) {
    }

    record QueueSource(String eventName, String queueLogicalId, int batchSize, boolean reportBatchItemFailures) {
    }

    record ScheduleSource(String eventName, String type, String expression, String input) {
    }

    boolean isHttp() {
        return !routes.isEmpty();
    }

    /**
     * @param templateDir  the template's directory, which {@code CodeUri} is relative to
     * @param template     the whole parsed template: Handler, Timeout and MemorySize come from its Resources and Globals
     * @param queueOfArn   the logical ID of the queue that a {@code Queue} property names, or null
     */
    static FunctionSpec of(Path templateDir, String logicalId, String codeUri, List<Event> events,
            Map<String, Object> template, Function<Object, String> queueOfArn) {
        List<HttpRoute> routes = new ArrayList<>();
        List<QueueSource> queues = new ArrayList<>();
        List<ScheduleSource> schedules = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (Event event : events) {
            Map<String, Object> p = event.properties() == null ? Map.of() : event.properties();
            switch (event.type()) {
                case "HttpApi" -> routes.add(HttpRoute.of(p.get("Method"), p.get("Path")));
                case "SQS" -> {
                    if (isOff(p.get("Enabled"))) {
                        ignored.add(event.name() + " (disabled)");
                        break;
                    }
                    String queue = queueOfArn.apply(p.get("Queue"));
                    if (queue == null) {
                        ignored.add(event.name() + " (queue " + p.get("Queue") + " is not one of the template's queues)");
                        break;
                    }
                    List<?> responseTypes = p.get("FunctionResponseTypes") instanceof List<?> list ? list : List.of();
                    queues.add(new QueueSource(event.name(), queue, intOr(p.get("BatchSize"), 10),
                            responseTypes.contains("ReportBatchItemFailures")));
                }
                case "Schedule", "ScheduleV2" -> {
                    Object expression = p.containsKey("Schedule") ? p.get("Schedule") : p.get("ScheduleExpression");
                    if (isOff(p.get("Enabled")) || "DISABLED".equals(p.get("State"))) {
                        ignored.add(event.name() + " (disabled)");
                    } else if (!(expression instanceof String)) {
                        ignored.add(event.name() + " (no schedule expression)");
                    } else {
                        Object input = p.get("Input");
                        schedules.add(new ScheduleSource(event.name(), event.type(), (String) expression,
                                input instanceof String s ? s : null));
                    }
                }
                default -> ignored.add(event.name() + " (" + event.type() + " events are not run locally)");
            }
        }
        Map<String, Object> properties = map(map(map(template.get("Resources")).get(logicalId)).get("Properties"));
        Map<String, Object> globals = map(map(template.get("Globals")).get("Function"));
        Duration timeout = Duration.ofSeconds(intOr(properties.get("Timeout"), intOr(globals.get("Timeout"),
                (int) DEFAULT_TIMEOUT.toSeconds())));
        int memory = intOr(properties.get("MemorySize"), intOr(globals.get("MemorySize"), DEFAULT_MEMORY_MB));
        String handler = handler(properties.containsKey("Handler") ? properties.get("Handler") : globals.get("Handler"));
        return new FunctionSpec(logicalId, templateDir.resolve(codeUri).normalize(), handler, timeout, memory,
                List.copyOf(routes), List.copyOf(queues), List.copyOf(schedules), List.copyOf(ignored));
    }

    /**
     * The JVM handler. The template may choose it with a condition (native builds ignore it), as in
     * {@code !If [IsNative, not.used, Class::method]}: the branch that names a method is the JVM one.
     */
    static String handler(Object declared) {
        if (declared instanceof String s && !s.isBlank()) {
            return s;
        }
        if (declared instanceof Template.Intrinsic intrinsic && intrinsic.tag().equals("Fn::If")
                && intrinsic.value() instanceof List<?> branches) {
            for (Object branch : branches.subList(Math.min(1, branches.size()), branches.size())) {
                if (branch instanceof String s && s.contains("::")) {
                    return s;
                }
            }
        }
        return DEFAULT_HANDLER;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static boolean isOff(Object enabled) {
        return Boolean.FALSE.equals(enabled) || "false".equals(enabled);
    }

    private static int intOr(Object value, int fallback) {
        if (value instanceof Number n) {
            return n.intValue();
        }
        if (value instanceof String s) {
            try {
                return Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }
}
