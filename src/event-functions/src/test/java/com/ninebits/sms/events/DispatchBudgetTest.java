package com.ninebits.sms.events;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.ninebits.sms.adapters.smsc.SmscConfig;
import com.ninebits.sms.testsupport.Template;
import io.smallrye.config.WithDefault;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Invariant: a submission started at the deadline has the SMSC client's whole timeouts, and the recording, before Lambda's timeout. */
class DispatchBudgetTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    @Test
    void leavesRoomForOneWholeSmscCallAndItsRecordingAfterTheLastStart() {
        DispatchBudget budget = DispatchBudget.forSmscCalls(Duration.ofSeconds(2), Duration.ofSeconds(10));

        Instant deadline = budget.deadline(NOW, remaining(Duration.ofSeconds(60)));

        assertEquals(NOW.plusSeconds(60 - 2 - 10 - 3), deadline);
    }

    @Test
    void startsNothingWhenLessThanOneSmscCallIsLeft() {
        DispatchBudget budget = DispatchBudget.forSmscCalls(Duration.ofSeconds(2), Duration.ofSeconds(10));

        Instant deadline = budget.deadline(NOW, remaining(Duration.ofSeconds(14)));

        assertTrue(deadline.isBefore(NOW), "a call started now could outlive the invocation");
    }

    @Test
    void outsideLambdaTakesTheLocalBudget() {
        DispatchBudget budget = DispatchBudget.forSmscCalls(Duration.ofSeconds(2), Duration.ofSeconds(10));

        assertEquals(NOW.plus(DispatchBudget.LOCAL), budget.deadline(NOW, null));
        assertEquals(NOW.plus(DispatchBudget.LOCAL), budget.deadline(NOW, remaining(Duration.ZERO)));
    }

    /** The deployed dispatcher, with the SMSC client's default timeouts, has time to send at all. */
    @Test
    void theTemplatesDispatcherTimeoutLeavesMostOfTheInvocationForSending() throws NoSuchMethodException {
        DispatchBudget budget = DispatchBudget.forSmscCalls(defaultMillis("connecttimeoutms"), defaultMillis("readtimeoutms"));
        Template template = Template.load(templateFile());
        Object timeout = template.resources().get("DispatcherFunction").properties().get("Timeout");

        Duration invocation = Duration.ofSeconds(Long.parseLong(String.valueOf(timeout)));

        assertTrue(invocation.minus(budget.margin()).compareTo(invocation.dividedBy(2)) >= 0,
                "a " + invocation + " dispatcher keeps " + budget.margin() + " back: less than half is left for sending");
    }

    private static Path templateFile() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("infra/template.yaml"))) {
                return dir.resolve("infra/template.yaml");
            }
        }
        throw new AssertionError("no infra/template.yaml above " + Path.of("").toAbsolutePath());
    }

    private static Duration defaultMillis(String key) throws NoSuchMethodException {
        return Duration.ofMillis(Long.parseLong(SmscConfig.class.getMethod(key).getAnnotation(WithDefault.class).value()));
    }

    private static Context remaining(Duration left) {
        return new Context() {
            @Override
            public int getRemainingTimeInMillis() {
                return (int) left.toMillis();
            }

            @Override
            public String getAwsRequestId() {
                return "req-1";
            }

            @Override
            public String getLogGroupName() {
                return null;
            }

            @Override
            public String getLogStreamName() {
                return null;
            }

            @Override
            public String getFunctionName() {
                return "dispatcher";
            }

            @Override
            public String getFunctionVersion() {
                return null;
            }

            @Override
            public String getInvokedFunctionArn() {
                return null;
            }

            @Override
            public CognitoIdentity getIdentity() {
                return null;
            }

            @Override
            public ClientContext getClientContext() {
                return null;
            }

            @Override
            public int getMemoryLimitInMB() {
                return 0;
            }

            @Override
            public LambdaLogger getLogger() {
                return null;
            }
        };
    }
}
