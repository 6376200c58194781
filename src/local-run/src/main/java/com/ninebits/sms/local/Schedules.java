package com.ninebits.sms.local;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code Schedule} and {@code ScheduleV2} events: a timer per event that invokes the function with
 * an EventBridge Scheduled Event (or the event's {@code Input}, which is what AWS sends instead).
 */
final class Schedules implements AutoCloseable {

    private static final Pattern RATE = Pattern.compile("rate\\(\\s*(\\d+)\\s+([a-zA-Z]+)\\s*\\)");

    /** One schedule of one function, already resolved from the template. */
    record Timer(String functionName, String eventName, String type, Duration period, String input, String region) {

        String resourceArn() {
            return type.equals("ScheduleV2")
                    ? "arn:aws:scheduler:" + region + ":" + HttpApiEvents.ACCOUNT_ID + ":schedule/default/" + functionName + eventName
                    : "arn:aws:events:" + region + ":" + HttpApiEvents.ACCOUNT_ID + ":rule/" + functionName + eventName;
        }
    }

    private final ScheduledExecutorService executor;
    private final List<Timer> timers = new ArrayList<>();

    Schedules(int timers) {
        // A thread per timer: each waits for its invocation, so a slow function delays only its own ticks.
        this.executor = Executors.newScheduledThreadPool(Math.max(1, timers), Threads.daemon("schedule"));
    }

    void start(Timer timer, Invoker function) {
        timers.add(timer);
        long period = timer.period().toMillis();
        executor.scheduleAtFixedRate(() -> {
            try {
                byte[] event = timer.input() != null
                        ? timer.input().getBytes(StandardCharsets.UTF_8)
                        : Json.bytes(scheduledEvent(UUID.randomUUID().toString(), Instant.now(), timer.region(),
                                timer.resourceArn()));
                InvocationResult result = function.invoke(event).join();
                if (!(result instanceof InvocationResult.Answered)) {
                    Console.warn(timer.functionName() + " " + timer.eventName() + " tick did not succeed: " + result);
                }
            } catch (RuntimeException e) {
                Console.warn(timer.functionName() + " " + timer.eventName() + " tick failed: " + e);
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    List<Timer> timers() {
        return List.copyOf(timers);
    }

    static ObjectNode scheduledEvent(String id, Instant time, String region, String resourceArn) {
        ObjectNode event = Json.object();
        event.put("version", "0");
        event.put("id", id);
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.events");
        event.put("account", HttpApiEvents.ACCOUNT_ID);
        event.put("time", time.truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("region", region);
        event.putArray("resources").add(resourceArn);
        event.putObject("detail");
        return event;
    }

    /**
     * The period of a schedule expression: {@code rate(N unit)} exactly; any {@code cron(...)} as one
     * minute, which is as often as EventBridge fires one and enough for local runs.
     */
    static Duration period(String expression) {
        String trimmed = expression == null ? "" : expression.trim();
        if (trimmed.startsWith("cron(") && trimmed.endsWith(")")) {
            return Duration.ofMinutes(1);
        }
        Matcher rate = RATE.matcher(trimmed);
        if (!rate.matches()) {
            throw new IllegalArgumentException("not a rate(...) or cron(...) expression: " + expression);
        }
        long amount = Long.parseLong(rate.group(1));
        if (amount <= 0) {
            throw new IllegalArgumentException("a rate must be positive: " + expression);
        }
        String unit = rate.group(2).toLowerCase(Locale.ROOT);
        return switch (unit) {
            case "second", "seconds" -> Duration.ofSeconds(amount);
            case "minute", "minutes" -> Duration.ofMinutes(amount);
            case "hour", "hours" -> Duration.ofHours(amount);
            case "day", "days" -> Duration.ofDays(amount);
            default -> throw new IllegalArgumentException("unknown rate unit '" + unit + "' in " + expression);
        };
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
