package com.ninebits.sms.testsupport;

import static com.ninebits.sms.testsupport.Template.asMap;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.ninebits.sms.testsupport.Template.Intrinsic;
import com.ninebits.sms.testsupport.Template.Resource;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Every {@code AWS::SQS::Queue} of the template, created with its attributes (FIFO, visibility,
 * delays, the redrive policy to its dead-letter queue), named by its logical ID.
 */
final class TemplateQueues {

    /** A queue as created: its name ({@code .fifo} added for a FIFO queue), URL and ARN. */
    record Created(String name, String url, String arn) {
    }

    private static final List<String> QUEUE_ATTRIBUTES = List.of("VisibilityTimeout", "MessageRetentionPeriod",
            "DelaySeconds", "ReceiveMessageWaitTimeSeconds", "MaximumMessageSize");

    private final SqsClient sqs;
    private final Template template;
    private final Map<String, Created> created = new LinkedHashMap<>();

    private TemplateQueues(SqsClient sqs, Template template) {
        this.sqs = sqs;
        this.template = template;
    }

    /** Creates the queues in dependency order (a dead-letter queue before the queues that redrive to it), by logical ID. */
    static Map<String, Created> create(SqsClient sqs, Template template) {
        TemplateQueues queues = new TemplateQueues(sqs, template);
        queues.createAll();
        return queues.created;
    }

    private void createAll() {
        Deque<Resource> pending = new ArrayDeque<>(template.ofType(LocalStack.QUEUE));
        int sinceProgress = 0;
        while (!pending.isEmpty()) {
            Resource queue = pending.removeFirst();
            Optional<String> deadLetterTarget = deadLetterTarget(queue);
            if (deadLetterTarget.isPresent() && !created.containsKey(deadLetterTarget.get())) {
                if (!template.resources().containsKey(deadLetterTarget.get()) || ++sinceProgress > pending.size()) {
                    throw new IllegalStateException("Queue " + queue.logicalId()
                            + " redrives to " + deadLetterTarget.get() + ", which is not a creatable queue");
                }
                pending.addLast(queue);
                continue;
            }
            sinceProgress = 0;
            created.put(queue.logicalId(), create(queue));
        }
    }

    private static Optional<String> deadLetterTarget(Resource queue) {
        Object target = asMap(queue.properties().get("RedrivePolicy")).get("deadLetterTargetArn");
        if (target instanceof Intrinsic intrinsic && intrinsic.tag().equals("Fn::GetAtt")) {
            Object arg = intrinsic.value();
            String logicalId = arg instanceof List<?> list ? String.valueOf(list.get(0))
                    : String.valueOf(arg).split("\\.", 2)[0];
            return Optional.of(logicalId);
        }
        return Optional.empty();
    }

    private Created create(Resource queue) {
        Map<String, Object> p = queue.properties();
        boolean fifo = Boolean.parseBoolean(String.valueOf(p.get("FifoQueue")));
        String name = fifo ? queue.logicalId() + ".fifo" : queue.logicalId();
        Map<String, String> attributes = new LinkedHashMap<>();
        if (fifo) {
            attributes.put("FifoQueue", "true");
            attributes.put("ContentBasedDeduplication",
                    String.valueOf(Boolean.parseBoolean(String.valueOf(p.get("ContentBasedDeduplication")))));
        }
        for (String attribute : QUEUE_ATTRIBUTES) {
            if (p.containsKey(attribute)) {
                attributes.put(attribute, String.valueOf(p.get(attribute)));
            }
        }
        Map<String, Object> redrive = asMap(p.get("RedrivePolicy"));
        if (!redrive.isEmpty()) {
            String target = deadLetterTarget(queue)
                    .map(created::get)
                    .map(Created::arn)
                    .orElseGet(() -> String.valueOf(redrive.get("deadLetterTargetArn")));
            attributes.put("RedrivePolicy", "{\"deadLetterTargetArn\":\"" + target + "\",\"maxReceiveCount\":"
                    + Integer.parseInt(String.valueOf(redrive.get("maxReceiveCount"))) + "}");
        }
        String url = sqs.createQueue(b -> b.queueName(name).attributesWithStrings(attributes)).queueUrl();
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        return new Created(name, url, arn);
    }
}
