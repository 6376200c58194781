package com.ninebits.sms.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.ninebits.sms.testsupport.LocalStack;
import com.ninebits.sms.testsupport.Template;

class FunctionSpecTest {

    private static final Path ROOT = Path.of(System.getProperty(LocalStack.REPO_ROOT_PROPERTY, "../..")).toAbsolutePath().normalize();
    private static final Path INFRA = ROOT.resolve("infra");

    private static FunctionSpec fromRealTemplate(String logicalId) {
        Template template = Template.load(INFRA.resolve("template.yaml"));
        Template.FunctionDef function = template.function(logicalId);
        List<String> queues = template.ofType(LocalStack.QUEUE).stream().map(Template.Resource::logicalId).toList();
        return FunctionSpec.of(INFRA, logicalId, function.codeUri(),
                function.events().stream().map(e -> new FunctionSpec.Event(e.name(), e.type(), e.properties())).toList(),
                template.raw(), queue -> LocalGateway.queueOf(queue, queues, id -> "arn:" + id));
    }

    @Test
    void readsTheApiFunctionOfTheRealTemplate() {
        FunctionSpec api = fromRealTemplate("ApiFunction");

        assertEquals(ROOT.resolve("src/api-function/target/function.zip"), api.code());
        assertEquals("io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest", api.handler());
        assertTrue(api.isHttp());
        assertTrue(api.routes().contains(new HttpRoute("POST", "/ng/v1/sendsms")));
        assertTrue(api.routes().contains(new HttpRoute("ANY", "/ng/v1/admin/{proxy+}")));
        assertEquals(Duration.ofSeconds(30), api.timeout());
        assertEquals(512, api.memoryMb());
        assertEquals(List.of(), api.ignoredEvents());
    }

    @Test
    void readsTheSqsMappingOfTheRealTemplate() {
        FunctionSpec sendRequests = fromRealTemplate("SendRequestFunction");

        assertEquals(ROOT.resolve("src/event-functions/target/function.zip"), sendRequests.code());
        assertEquals(List.of(new FunctionSpec.QueueSource("SendRequests", "SendRequestQueue", 10, true)), sendRequests.queues());
        assertTrue(!sendRequests.isHttp());
    }

    @Test
    void readsTimeoutsSchedulesAndSkipsWhatItCannotFeed() {
        Map<String, Object> template = Map.of(
                "Globals", Map.of("Function", Map.of("Timeout", 20, "MemorySize", 256)),
                "Resources", Map.of("ReleaseFunction", Map.of("Properties", Map.of("Timeout", 60))));
        List<FunctionSpec.Event> events = List.of(
                new FunctionSpec.Event("Release", "Schedule", Map.of("Schedule", "rate(1 minute)")),
                new FunctionSpec.Event("Sweep", "ScheduleV2", Map.of("ScheduleExpression", "cron(0 * * * ? *)", "Input", "{\"x\":1}")),
                new FunctionSpec.Event("Off", "Schedule", Map.of("Schedule", "rate(1 minute)", "Enabled", false)),
                new FunctionSpec.Event("Queue", "SQS", Map.of("Queue", new Template.Intrinsic("Fn::GetAtt", List.of("DispatchQueue", "Arn")))),
                new FunctionSpec.Event("Elsewhere", "SQS", Map.of("Queue", "arn:aws:sqs:us-east-1:1:other")),
                new FunctionSpec.Event("Topic", "SNS", Map.of()));

        FunctionSpec release = FunctionSpec.of(INFRA, "ReleaseFunction", "../src/event-functions/target/function.zip", events,
                template, queue -> LocalGateway.queueOf(queue, List.of("DispatchQueue"), id -> "arn:aws:sqs:us-east-1:0:" + id));

        assertEquals(Duration.ofSeconds(60), release.timeout());
        assertEquals(256, release.memoryMb());
        assertEquals(List.of(
                new FunctionSpec.ScheduleSource("Release", "Schedule", "rate(1 minute)", null),
                new FunctionSpec.ScheduleSource("Sweep", "ScheduleV2", "cron(0 * * * ? *)", "{\"x\":1}")), release.schedules());
        assertEquals(List.of(new FunctionSpec.QueueSource("Queue", "DispatchQueue", 10, false)), release.queues());
        assertEquals(3, release.ignoredEvents().size());
        assertTrue(release.routes().isEmpty());
    }

    @Test
    void choosesTheJvmHandlerOfAConditionalOne() {
        assertEquals("a.B::c", FunctionSpec.handler("a.B::c"));
        assertEquals("io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest", FunctionSpec.handler(
                new Template.Intrinsic("Fn::If", List.of("IsNative", "not.used.in.provided.runtime",
                        "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest"))));
        assertEquals(FunctionSpec.DEFAULT_HANDLER, FunctionSpec.handler(null));
    }

    @Test
    void readsQueueReferencesInEveryForm() {
        List<String> queues = List.of("SendRequestQueue");
        assertEquals("SendRequestQueue", LocalGateway.queueOf(new Template.Intrinsic("Fn::GetAtt", "SendRequestQueue.Arn"),
                queues, id -> "arn:" + id));
        assertEquals("SendRequestQueue", LocalGateway.queueOf("arn:SendRequestQueue", queues, id -> "arn:" + id));
        assertEquals(null, LocalGateway.queueOf(new Template.Intrinsic("Ref", "SendRequestQueue"), queues, id -> "arn:" + id));
        assertEquals(null, LocalGateway.queueOf(new Template.Intrinsic("Fn::GetAtt", "OtherQueue.Arn"), queues, id -> "arn:" + id));
    }
}
