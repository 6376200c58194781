package com.ninebits.sms.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The gateway's stores on this machine: {@link Dynalite} (a child Node process) for DynamoDB and
 * ElasticMQ (in-process) for SQS, with every table ({@link TemplateTables}) and queue
 * ({@link TemplateQueues}) of {@code infra/template.yaml} created in them, and each function's
 * environment ({@link FunctionEnvironment}) resolved against them.
 */
public final class LocalStack implements AutoCloseable {

    public static final String REPO_ROOT_PROPERTY = "sms.repo.root";
    public static final String TABLE = "AWS::DynamoDB::Table";
    public static final String QUEUE = "AWS::SQS::Queue";

    private static final Logger LOG = Logger.getLogger(LocalStack.class.getName());
    private static final Path TEMPLATE = Path.of("infra", "template.yaml");

    // Held strongly: java.util.logging forgets the level of a logger nobody references.
    private static final List<Logger> CHATTY_LOGGERS =
            List.of(Logger.getLogger("org.elasticmq"), Logger.getLogger("org.apache.pekko"));

    private static LocalStack shared;

    private final Path repoRoot;
    private final Template template;
    private final Dynalite dynalite;
    private final SQSRestServer elasticMq;
    private final URI dynamoEndpoint;
    private final URI sqsEndpoint;
    private final DynamoDbClient dynamo;
    private final SqsClient sqs;
    private final Thread shutdownHook;
    private Map<String, String> tableArns = Map.of();
    private Map<String, TemplateQueues.Created> queues = Map.of();
    private boolean closed;

    private LocalStack(Path repoRoot, Template template, Dynalite dynalite, SQSRestServer elasticMq, URI sqsEndpoint) {
        this.repoRoot = repoRoot;
        this.template = template;
        this.dynalite = dynalite;
        this.dynamoEndpoint = dynalite.endpoint();
        this.elasticMq = elasticMq;
        this.sqsEndpoint = sqsEndpoint;
        this.dynamo = LocalAws.dynamo(dynamoEndpoint);
        this.sqs = LocalAws.sqs(sqsEndpoint);
        this.shutdownHook = new Thread(this::close, "local-stack-shutdown");
    }

    /** The stack shared by every test of this JVM, started on first use and stopped at JVM exit. */
    public static synchronized LocalStack shared() {
        if (shared == null) {
            shared = start(findRepoRoot());
        }
        return shared;
    }

    public static LocalStack start(Path repoRoot) {
        return start(repoRoot, null);
    }

    /**
     * A stack of its own whose DynamoDB server keeps its data in {@code dynamoData} (on disk), so that
     * {@link #stopDynamo()} and {@link #restartDynamo()} can take the store away for a while and bring
     * it back as it was, on the same port. Not shared: stopping it must not disturb other tests.
     */
    public static LocalStack startOnDisk(Path dynamoData) {
        return startOnDisk(findRepoRoot(), dynamoData);
    }

    /** {@link #startOnDisk(Path)} for the repository at {@code repoRoot}. */
    public static LocalStack startOnDisk(Path repoRoot, Path dynamoData) {
        try {
            Files.createDirectories(dynamoData);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + dynamoData, e);
        }
        return start(repoRoot, dynamoData.toAbsolutePath());
    }

    private static LocalStack start(Path repoRoot, Path dynamoData) {
        long started = System.nanoTime();
        Path root = repoRoot.toAbsolutePath().normalize();
        Template template = Template.load(root.resolve(TEMPLATE));
        quietServerLogs();
        Dynalite dynalite = Dynalite.start(root, dynamoData);
        SQSRestServer elasticMq;
        int sqsPort;
        try {
            elasticMq = SQSRestServerBuilder.withInterface("127.0.0.1")
                    .withDynamicPort()
                    .withAWSRegion(LocalAws.REGION)
                    .withAWSAccountId(LocalAws.ACCOUNT_ID)
                    .start();
            sqsPort = elasticMq.waitUntilStarted().localAddress().getPort();
        } catch (RuntimeException e) {
            dynalite.close();
            throw e;
        }
        LocalStack stack = new LocalStack(root, template, dynalite, elasticMq, URI.create("http://127.0.0.1:" + sqsPort));
        Runtime.getRuntime().addShutdownHook(stack.shutdownHook);
        try {
            stack.tableArns = TemplateTables.create(stack.dynamo, template);
            stack.queues = TemplateQueues.create(stack.sqs, template);
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        LOG.info(String.format("Local stack up in %d ms: DynamoDB %s, SQS %s, %d tables, %d queues",
                Duration.ofNanos(System.nanoTime() - started).toMillis(), stack.dynamoEndpoint,
                stack.sqsEndpoint, stack.tableArns.size(), stack.queues.size()));
        return stack;
    }

    public Path repoRoot() {
        return repoRoot;
    }

    public Template template() {
        return template;
    }

    public URI dynamoEndpoint() {
        return dynamoEndpoint;
    }

    public URI sqsEndpoint() {
        return sqsEndpoint;
    }

    public String region() {
        return LocalAws.REGION;
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public String tableName(String logicalId) {
        known(tableArns, logicalId, TABLE);
        return logicalId;
    }

    public String queueUrl(String logicalId) {
        return known(queues, logicalId, QUEUE).url();
    }

    public String queueArn(String logicalId) {
        return known(queues, logicalId, QUEUE).arn();
    }

    public String queueName(String logicalId) {
        return known(queues, logicalId, QUEUE).name();
    }

    /**
     * The environment AWS would give the function, resolved against this stack. Variables whose
     * value only exists in AWS (secrets, parameters without default, other services) are left out.
     */
    public Map<String, String> environment(String functionLogicalId) {
        return FunctionEnvironment.of(template, functionLogicalId, this::attribute, dynamoEndpoint, sqsEndpoint);
    }

    /** The {@code SMS_*} part of {@link #environment}, as Quarkus config properties. */
    public Map<String, String> configProperties(String functionLogicalId) {
        return FunctionEnvironment.configProperties(environment(functionLogicalId));
    }

    /** {@code SMS_TABLE_ACCOUNTS} → {@code sms.table.accounts}; config key segments are single words. */
    public static String propertyName(String environmentName) {
        return FunctionEnvironment.propertyName(environmentName);
    }

    /**
     * Stops the DynamoDB server: from now on every call to it is refused, as when the store is
     * unreachable. Only for a stack started {@link #startOnDisk on disk}.
     */
    public void stopDynamo() {
        dynalite.stop();
    }

    /** Starts the DynamoDB server again on the same port, with the data it had when it stopped. */
    public void restartDynamo() {
        dynalite.restart();
    }

    public boolean dynamoRunning() {
        return dynalite.running();
    }

    public void purgeQueues() {
        queues.values().forEach(queue -> sqs.purgeQueue(b -> b.queueUrl(queue.url())));
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | IllegalArgumentException alreadyExiting) {
            // Called from the hook itself, or the JVM is already shutting down.
        }
        dynamo.close();
        sqs.close();
        elasticMq.stopAndWait();
        dynalite.close();
        synchronized (LocalStack.class) {
            if (shared == this) {
                shared = null;
            }
        }
    }

    /** A resource attribute as this stack has it; {@code attribute} null means what {@code !Ref} gives. */
    private Optional<String> attribute(String logicalId, String attribute) {
        if (tableArns.containsKey(logicalId)) {
            if (attribute == null) {
                return Optional.of(logicalId);
            }
            return "Arn".equals(attribute) ? Optional.of(tableArns.get(logicalId)) : Optional.empty();
        }
        TemplateQueues.Created queue = queues.get(logicalId);
        if (queue != null) {
            return Optional.ofNullable(switch (attribute == null ? "QueueUrl" : attribute) {
                case "QueueUrl" -> queue.url();
                case "Arn" -> queue.arn();
                case "QueueName" -> queue.name();
                default -> null;
            });
        }
        return Optional.empty();
    }

    /** From {@value #REPO_ROOT_PROPERTY}, else the nearest folder above the working directory holding the template. */
    static Path findRepoRoot() {
        String configured = System.getProperty(REPO_ROOT_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path root = Path.of(configured);
            if (!Files.isRegularFile(root.resolve(TEMPLATE))) {
                throw new IllegalStateException(REPO_ROOT_PROPERTY + "=" + configured + " holds no " + TEMPLATE);
            }
            return root;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(TEMPLATE))) {
                return dir;
            }
        }
        throw new IllegalStateException("No " + TEMPLATE + " above " + Path.of("").toAbsolutePath()
                + "; set -D" + REPO_ROOT_PROPERTY);
    }

    /** ElasticMQ logs every queue created and purged at INFO; tests purge often. Explicit levels win. */
    private static void quietServerLogs() {
        for (Logger logger : CHATTY_LOGGERS) {
            if (logger.getLevel() == null) {
                logger.setLevel(Level.WARNING);
            }
        }
    }

    private static <T> T known(Map<String, T> values, String logicalId, String type) {
        T value = values.get(logicalId);
        if (value == null) {
            throw new IllegalArgumentException("No " + type + " named " + logicalId + " in the template");
        }
        return value;
    }
}
