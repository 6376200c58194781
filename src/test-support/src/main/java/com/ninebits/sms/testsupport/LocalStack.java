package com.ninebits.sms.testsupport;

import static com.ninebits.sms.testsupport.Template.asMap;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

import com.ninebits.sms.testsupport.Template.Intrinsic;
import com.ninebits.sms.testsupport.Template.Resource;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The gateway's stores on this machine: dynalite (a child Node process) for DynamoDB and ElasticMQ
 * (in-process) for SQS, with every table and queue of {@code infra/template.yaml} created in them.
 */
public final class LocalStack implements AutoCloseable {

    public static final String REPO_ROOT_PROPERTY = "sms.repo.root";
    public static final String TABLE = "AWS::DynamoDB::Table";
    public static final String QUEUE = "AWS::SQS::Queue";

    private static final Logger LOG = Logger.getLogger(LocalStack.class.getName());
    private static final String REGION = "us-east-1";
    private static final String ACCOUNT_ID = "000000000000";
    private static final String CREDENTIAL = "local";
    private static final Path TEMPLATE = Path.of("infra", "template.yaml");
    private static final Path NODE_PROJECT = Path.of("infra", "local");
    private static final Path DYNALITE_CLI = NODE_PROJECT.resolve(Path.of("node_modules", "dynalite", "cli.js"));
    // Exits dynalite once its stdin closes, which happens however this JVM ends (even on SIGKILL),
    // so a killed test fork leaves no server behind.
    private static final String EXIT_WITH_PARENT =
            "data:text/javascript,process.stdin.on('end',()=>process.exit(0));process.stdin.resume();";
    private static final long LOCAL_CAPACITY = 1000;

    // Held strongly: java.util.logging forgets the level of a logger nobody references.
    private static final List<Logger> CHATTY_LOGGERS =
            List.of(Logger.getLogger("org.elasticmq"), Logger.getLogger("org.apache.pekko"));

    private static LocalStack shared;

    private final Path repoRoot;
    private final Template template;
    private volatile Process dynalite;
    // Null: dynalite keeps its data in memory, and a restart would lose it.
    private final Path dynamoData;
    private final SQSRestServer elasticMq;
    private final URI dynamoEndpoint;
    private final URI sqsEndpoint;
    private final DynamoDbClient dynamo;
    private final SqsClient sqs;
    private final Thread shutdownHook;
    private final Map<String, String> tableArns = new LinkedHashMap<>();
    private final Map<String, String> queueNames = new LinkedHashMap<>();
    private final Map<String, String> queueUrls = new LinkedHashMap<>();
    private final Map<String, String> queueArns = new LinkedHashMap<>();
    private boolean closed;

    private LocalStack(Path repoRoot, Template template, Process dynalite, Path dynamoData, URI dynamoEndpoint,
            SQSRestServer elasticMq, URI sqsEndpoint) {
        this.repoRoot = repoRoot;
        this.template = template;
        this.dynalite = dynalite;
        this.dynamoData = dynamoData;
        this.dynamoEndpoint = dynamoEndpoint;
        this.elasticMq = elasticMq;
        this.sqsEndpoint = sqsEndpoint;
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(CREDENTIAL, CREDENTIAL));
        this.dynamo = DynamoDbClient.builder()
                .endpointOverride(dynamoEndpoint)
                .region(Region.of(REGION))
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        this.sqs = SqsClient.builder()
                .endpointOverride(sqsEndpoint)
                .region(Region.of(REGION))
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
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
        installDynalite(root);
        quietServerLogs();
        Dynalite dynalite = startDynalite(root, dynamoData);
        SQSRestServer elasticMq;
        int sqsPort;
        try {
            elasticMq = SQSRestServerBuilder.withInterface("127.0.0.1")
                    .withDynamicPort()
                    .withAWSRegion(REGION)
                    .withAWSAccountId(ACCOUNT_ID)
                    .start();
            sqsPort = elasticMq.waitUntilStarted().localAddress().getPort();
        } catch (RuntimeException e) {
            stop(dynalite.process());
            throw e;
        }
        LocalStack stack = new LocalStack(root, template, dynalite.process(), dynamoData,
                URI.create("http://127.0.0.1:" + dynalite.port()), elasticMq, URI.create("http://127.0.0.1:" + sqsPort));
        Runtime.getRuntime().addShutdownHook(stack.shutdownHook);
        try {
            stack.createTables();
            stack.createQueues();
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        LOG.info(String.format("Local stack up in %d ms: DynamoDB %s, SQS %s, %d tables, %d queues",
                Duration.ofNanos(System.nanoTime() - started).toMillis(), stack.dynamoEndpoint,
                stack.sqsEndpoint, stack.tableArns.size(), stack.queueUrls.size()));
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
        return REGION;
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
        return known(queueUrls, logicalId, QUEUE);
    }

    public String queueArn(String logicalId) {
        return known(queueArns, logicalId, QUEUE);
    }

    public String queueName(String logicalId) {
        return known(queueNames, logicalId, QUEUE);
    }

    /**
     * The environment AWS would give the function, resolved against this stack. Variables whose
     * value only exists in AWS (secrets, parameters without default, other services) are left out.
     */
    public Map<String, String> environment(String functionLogicalId) {
        Map<String, Object> declared = new LinkedHashMap<>(template.globalEnvironment());
        declared.putAll(template.function(functionLogicalId).environment());
        Resolver resolver = new Resolver(template, this::attribute);
        Map<String, String> environment = new LinkedHashMap<>();
        declared.forEach((name, value) -> resolver.resolve(value).ifPresent(v -> environment.put(name, v)));
        environment.put("AWS_REGION", REGION);
        environment.put("AWS_ACCESS_KEY_ID", CREDENTIAL);
        environment.put("AWS_SECRET_ACCESS_KEY", CREDENTIAL);
        environment.put("SMS_AWS_REGION", REGION);
        environment.put("SMS_AWS_ENDPOINT_DYNAMODB", dynamoEndpoint.toString());
        environment.put("SMS_AWS_ENDPOINT_SQS", sqsEndpoint.toString());
        return Collections.unmodifiableMap(environment);
    }

    /** The {@code SMS_*} part of {@link #environment}, as Quarkus config properties. */
    public Map<String, String> configProperties(String functionLogicalId) {
        Map<String, String> properties = new LinkedHashMap<>();
        environment(functionLogicalId).forEach((name, value) -> {
            if (name.startsWith("SMS_")) {
                properties.put(propertyName(name), value);
            }
        });
        return Collections.unmodifiableMap(properties);
    }

    /** {@code SMS_TABLE_ACCOUNTS} → {@code sms.table.accounts}; config key segments are single words. */
    public static String propertyName(String environmentName) {
        return environmentName.toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /**
     * Stops the DynamoDB server: from now on every call to it is refused, as when the store is
     * unreachable. Only for a stack started {@link #startOnDisk on disk}.
     */
    public synchronized void stopDynamo() {
        requireOnDisk();
        stop(dynalite);
    }

    /** Starts the DynamoDB server again on the same port, with the data it had when it stopped. */
    public synchronized void restartDynamo() {
        requireOnDisk();
        if (dynalite.isAlive()) {
            return;
        }
        IllegalStateException failure = null;
        // The port was just released; another process could in principle take it in between.
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                dynalite = launchDynalite(repoRoot, dynamoEndpoint.getPort(), dynamoData);
                return;
            } catch (IllegalStateException e) {
                failure = e;
                sleep(Duration.ofMillis(200));
            }
        }
        throw failure;
    }

    public boolean dynamoRunning() {
        return dynalite.isAlive();
    }

    private void requireOnDisk() {
        if (dynamoData == null) {
            throw new IllegalStateException("this stack keeps DynamoDB data in memory: a restart would lose it; use startOnDisk");
        }
    }

    public void purgeQueues() {
        queueUrls.values().forEach(url -> sqs.purgeQueue(b -> b.queueUrl(url)));
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
        stop(dynalite);
        synchronized (LocalStack.class) {
            if (shared == this) {
                shared = null;
            }
        }
    }

    // ------------------------------------------------------------------------- resolution

    /** A resource attribute as this stack has it; {@code attribute} null means what {@code !Ref} gives. */
    private Optional<String> attribute(String logicalId, String attribute) {
        if (tableArns.containsKey(logicalId)) {
            if (attribute == null) {
                return Optional.of(logicalId);
            }
            return "Arn".equals(attribute) ? Optional.of(tableArns.get(logicalId)) : Optional.empty();
        }
        if (queueUrls.containsKey(logicalId)) {
            return Optional.ofNullable(switch (attribute == null ? "QueueUrl" : attribute) {
                case "QueueUrl" -> queueUrls.get(logicalId);
                case "Arn" -> queueArns.get(logicalId);
                case "QueueName" -> queueNames.get(logicalId);
                default -> null;
            });
        }
        return Optional.empty();
    }

    @FunctionalInterface
    interface Attributes {
        Optional<String> get(String logicalId, String attribute);
    }

    /**
     * Evaluates template values the way CloudFormation would, as far as they are known locally:
     * {@code Ref}, {@code Fn::GetAtt}, {@code Fn::Sub}, {@code Fn::Join}, {@code Fn::Select},
     * {@code Fn::If} and the condition functions. Anything else resolves to empty.
     */
    static final class Resolver {
        private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
        private static final String NO_VALUE = "AWS::NoValue";

        private final Template template;
        private final Attributes attributes;

        Resolver(Template template, Attributes attributes) {
            this.template = template;
            this.attributes = attributes;
        }

        Optional<String> resolve(Object value) {
            if (value instanceof String s) {
                return s.contains("{{resolve:") ? Optional.empty() : Optional.of(s);
            }
            if (value instanceof Number || value instanceof Boolean) {
                return Optional.of(String.valueOf(value));
            }
            if (!(value instanceof Intrinsic intrinsic)) {
                return Optional.empty();
            }
            Object arg = intrinsic.value();
            return switch (intrinsic.tag()) {
                case "Ref" -> ref(String.valueOf(arg));
                case "Fn::GetAtt" -> getAtt(arg);
                case "Fn::Sub" -> sub(arg);
                case "Fn::Join" -> join(arg);
                case "Fn::Select" -> select(arg);
                case "Fn::If" -> ifThen(arg);
                default -> Optional.empty();
            };
        }

        private Optional<String> ref(String name) {
            switch (name) {
                case "AWS::Region":
                    return Optional.of(REGION);
                case "AWS::AccountId":
                    return Optional.of(ACCOUNT_ID);
                case "AWS::Partition":
                    return Optional.of("aws");
                case "AWS::URLSuffix":
                    return Optional.of("amazonaws.com");
                default:
                    break;
            }
            Map<String, Object> parameter = asMap(template.parameters().get(name));
            if (!parameter.isEmpty()) {
                return resolve(parameter.get("Default"));
            }
            return attributes.get(name, null);
        }

        private Optional<String> getAtt(Object arg) {
            String logicalId;
            String attribute;
            if (arg instanceof List<?> list && list.size() == 2) {
                logicalId = String.valueOf(list.get(0));
                attribute = String.valueOf(list.get(1));
            } else if (arg instanceof String s && s.indexOf('.') > 0) {
                logicalId = s.substring(0, s.indexOf('.'));
                attribute = s.substring(s.indexOf('.') + 1);
            } else {
                return Optional.empty();
            }
            return attributes.get(logicalId, attribute);
        }

        private Optional<String> sub(Object arg) {
            String text;
            Map<String, Object> variables;
            if (arg instanceof String s) {
                text = s;
                variables = Map.of();
            } else if (arg instanceof List<?> list && list.size() == 2 && list.get(0) instanceof String s) {
                text = s;
                variables = asMap(list.get(1));
            } else {
                return Optional.empty();
            }
            Matcher matcher = SUB_VARIABLE.matcher(text);
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                String name = matcher.group(1).trim();
                Optional<String> replacement;
                if (name.startsWith("!")) {
                    replacement = Optional.of("${" + name.substring(1) + "}");
                } else if (variables.containsKey(name)) {
                    replacement = resolve(variables.get(name));
                } else if (name.indexOf('.') > 0) {
                    replacement = getAtt(name);
                } else {
                    replacement = ref(name);
                }
                if (replacement.isEmpty()) {
                    return Optional.empty();
                }
                matcher.appendReplacement(out, Matcher.quoteReplacement(replacement.get()));
            }
            matcher.appendTail(out);
            return resolve(out.toString());
        }

        private Optional<String> join(Object arg) {
            if (!(arg instanceof List<?> list) || list.size() != 2 || !(list.get(1) instanceof List<?> items)) {
                return Optional.empty();
            }
            List<String> parts = new ArrayList<>();
            for (Object item : items) {
                Optional<String> part = resolve(item);
                if (part.isEmpty()) {
                    return Optional.empty();
                }
                parts.add(part.get());
            }
            return Optional.of(String.join(String.valueOf(list.get(0)), parts));
        }

        private Optional<String> select(Object arg) {
            if (!(arg instanceof List<?> list) || list.size() != 2 || !(list.get(1) instanceof List<?> items)) {
                return Optional.empty();
            }
            return resolve(list.get(0)).map(Integer::parseInt)
                    .filter(index -> index >= 0 && index < items.size())
                    .flatMap(index -> resolve(items.get(index)));
        }

        private Optional<String> ifThen(Object arg) {
            if (!(arg instanceof List<?> list) || list.size() != 3) {
                return Optional.empty();
            }
            return condition(list.get(0)).flatMap(holds -> {
                Object chosen = list.get(holds ? 1 : 2);
                boolean noValue = chosen instanceof Intrinsic i && i.tag().equals("Ref") && NO_VALUE.equals(i.value());
                return noValue ? Optional.empty() : resolve(chosen);
            });
        }

        /** A condition by name (as in {@code Fn::If}) or as an expression; empty if not decidable locally. */
        Optional<Boolean> condition(Object expression) {
            if (expression instanceof String name) {
                Object definition = template.conditions().get(name);
                return definition == null ? Optional.empty() : condition(definition);
            }
            if (!(expression instanceof Intrinsic intrinsic)) {
                return Optional.empty();
            }
            List<?> args = intrinsic.value() instanceof List<?> list ? list : List.of();
            switch (intrinsic.tag()) {
                case "Condition":
                    return condition(String.valueOf(intrinsic.value()));
                case "Fn::Equals": {
                    if (args.size() != 2) {
                        return Optional.empty();
                    }
                    Optional<String> left = resolve(args.get(0));
                    Optional<String> right = resolve(args.get(1));
                    return left.isPresent() && right.isPresent()
                            ? Optional.of(left.get().equals(right.get()))
                            : Optional.empty();
                }
                case "Fn::Not":
                    return args.size() == 1 ? condition(args.get(0)).map(holds -> !holds) : Optional.empty();
                case "Fn::And":
                case "Fn::Or": {
                    boolean and = intrinsic.tag().equals("Fn::And");
                    boolean result = and;
                    for (Object arg : args) {
                        Optional<Boolean> holds = condition(arg);
                        if (holds.isEmpty()) {
                            return Optional.empty();
                        }
                        result = and ? result && holds.get() : result || holds.get();
                    }
                    return Optional.of(result);
                }
                default:
                    return Optional.empty();
            }
        }
    }

    // ------------------------------------------------------------------------- tables

    private void createTables() {
        for (Resource table : template.ofType(TABLE)) {
            Map<String, Object> p = table.properties();
            ProvisionedThroughput capacity = ProvisionedThroughput.builder()
                    .readCapacityUnits(LOCAL_CAPACITY).writeCapacityUnits(LOCAL_CAPACITY).build();
            List<GlobalSecondaryIndex> globalIndexes = new ArrayList<>();
            for (Object index : list(p.get("GlobalSecondaryIndexes"))) {
                Map<String, Object> i = asMap(index);
                globalIndexes.add(GlobalSecondaryIndex.builder()
                        .indexName(string(i.get("IndexName")))
                        .keySchema(keySchema(i.get("KeySchema")))
                        .projection(projection(i.get("Projection")))
                        .provisionedThroughput(capacity)
                        .build());
            }
            List<LocalSecondaryIndex> localIndexes = new ArrayList<>();
            for (Object index : list(p.get("LocalSecondaryIndexes"))) {
                Map<String, Object> i = asMap(index);
                localIndexes.add(LocalSecondaryIndex.builder()
                        .indexName(string(i.get("IndexName")))
                        .keySchema(keySchema(i.get("KeySchema")))
                        .projection(projection(i.get("Projection")))
                        .build());
            }
            // On-demand is ignored on purpose: dynalite refuses GSIs on a table without provisioned throughput.
            CreateTableRequest.Builder request = CreateTableRequest.builder()
                    .tableName(table.logicalId())
                    .attributeDefinitions(list(p.get("AttributeDefinitions")).stream()
                            .map(Template::asMap)
                            .map(a -> AttributeDefinition.builder()
                                    .attributeName(string(a.get("AttributeName")))
                                    .attributeType(string(a.get("AttributeType")))
                                    .build())
                            .toList())
                    .keySchema(keySchema(p.get("KeySchema")))
                    .provisionedThroughput(capacity);
            if (!globalIndexes.isEmpty()) {
                request.globalSecondaryIndexes(globalIndexes);
            }
            if (!localIndexes.isEmpty()) {
                request.localSecondaryIndexes(localIndexes);
            }
            String arn = dynamo.createTable(request.build()).tableDescription().tableArn();
            tableArns.put(table.logicalId(), arn);
        }
        awaitTablesActive();
    }

    private void awaitTablesActive() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (String table : tableArns.keySet()) {
            while (dynamo.describeTable(b -> b.tableName(table)).table().tableStatus() != TableStatus.ACTIVE) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Table " + table + " did not become ACTIVE");
                }
                sleep(Duration.ofMillis(20));
            }
        }
    }

    private static List<KeySchemaElement> keySchema(Object schema) {
        return list(schema).stream()
                .map(Template::asMap)
                .map(k -> KeySchemaElement.builder()
                        .attributeName(string(k.get("AttributeName")))
                        .keyType(string(k.get("KeyType")))
                        .build())
                .toList();
    }

    private static Projection projection(Object value) {
        Map<String, Object> p = asMap(value);
        Projection.Builder projection = Projection.builder()
                .projectionType(p.containsKey("ProjectionType") ? string(p.get("ProjectionType")) : "ALL");
        List<Object> nonKey = list(p.get("NonKeyAttributes"));
        if (!nonKey.isEmpty()) {
            projection.nonKeyAttributes(nonKey.stream().map(String::valueOf).toList());
        }
        return projection.build();
    }

    // ------------------------------------------------------------------------- queues

    private static final List<String> QUEUE_ATTRIBUTES = List.of("VisibilityTimeout", "MessageRetentionPeriod",
            "DelaySeconds", "ReceiveMessageWaitTimeSeconds", "MaximumMessageSize");

    /** Creates queues in dependency order: a dead-letter queue before the queues that redrive to it. */
    private void createQueues() {
        Deque<Resource> pending = new ArrayDeque<>(template.ofType(QUEUE));
        int sinceProgress = 0;
        while (!pending.isEmpty()) {
            Resource queue = pending.removeFirst();
            Optional<String> deadLetterTarget = deadLetterTarget(queue);
            if (deadLetterTarget.isPresent() && !queueArns.containsKey(deadLetterTarget.get())) {
                if (!template.resources().containsKey(deadLetterTarget.get()) || ++sinceProgress > pending.size()) {
                    throw new IllegalStateException("Queue " + queue.logicalId()
                            + " redrives to " + deadLetterTarget.get() + ", which is not a creatable queue");
                }
                pending.addLast(queue);
                continue;
            }
            sinceProgress = 0;
            createQueue(queue);
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

    private void createQueue(Resource queue) {
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
                    .map(queueArns::get)
                    .orElseGet(() -> String.valueOf(redrive.get("deadLetterTargetArn")));
            attributes.put("RedrivePolicy", "{\"deadLetterTargetArn\":\"" + target + "\",\"maxReceiveCount\":"
                    + Integer.parseInt(String.valueOf(redrive.get("maxReceiveCount"))) + "}");
        }
        String url = sqs.createQueue(b -> b.queueName(name).attributesWithStrings(attributes)).queueUrl();
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        queueNames.put(queue.logicalId(), name);
        queueUrls.put(queue.logicalId(), url);
        queueArns.put(queue.logicalId(), arn);
    }

    // ------------------------------------------------------------------------- processes

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

    /** Serialised across JVMs too: parallel module builds would otherwise run npm ci over each other. */
    private static synchronized void installDynalite(Path root) {
        if (Files.isRegularFile(root.resolve(DYNALITE_CLI))) {
            return;
        }
        Path lockFile = Path.of(System.getProperty("java.io.tmpdir"), "sms-gateway-npm-ci.lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock ignored = channel.lock()) {
            if (Files.isRegularFile(root.resolve(DYNALITE_CLI))) {
                return;
            }
            LOG.info("Installing dynalite: npm ci in " + root.resolve(NODE_PROJECT));
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
                    .directory(root.resolve(NODE_PROJECT).toFile())
                    .redirectErrorStream(true)
                    .start();
            npm.getOutputStream().close();
            String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0 || !Files.isRegularFile(root.resolve(DYNALITE_CLI))) {
                npm.destroyForcibly();
                throw new IllegalStateException("npm ci failed in " + root.resolve(NODE_PROJECT) + ":\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot install dynalite", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while installing dynalite", e);
        }
    }

    /** ElasticMQ logs every queue created and purged at INFO; tests purge often. Explicit levels win. */
    private static void quietServerLogs() {
        for (Logger logger : CHATTY_LOGGERS) {
            if (logger.getLevel() == null) {
                logger.setLevel(Level.WARNING);
            }
        }
    }

    private record Dynalite(Process process, int port) {
    }

    private static Dynalite startDynalite(Path root, Path dynamoData) {
        IllegalStateException failure = null;
        for (int attempt = 0; attempt < 3 && !Thread.currentThread().isInterrupted(); attempt++) {
            int port = freePort();
            try {
                return new Dynalite(launchDynalite(root, port, dynamoData), port);
            } catch (IllegalStateException e) {
                // Another process may have taken the free port before dynalite bound it.
                failure = e;
            }
        }
        throw failure != null ? failure : new IllegalStateException("Interrupted while starting dynalite");
    }

    private static Process launchDynalite(Path root, int port, Path dynamoData) {
        Process process;
        List<String> command = new ArrayList<>(List.of("node", "--import", EXIT_WITH_PARENT, DYNALITE_CLI.toString(),
                "--host", "127.0.0.1", "--port", String.valueOf(port),
                "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"));
        if (dynamoData != null) {
            command.addAll(List.of("--path", dynamoData.toString()));
        }
        try {
            process = new ProcessBuilder(command)
                    .directory(root.toFile())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start node (is Node.js on the PATH?)", e);
        }
        CountDownLatch listening = new CountDownLatch(1);
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        Thread drain = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    LOG.fine("dynalite: " + line);
                    if (output.size() < 200) {
                        output.add(line);
                    }
                    if (line.contains("listening")) {
                        listening.countDown();
                    }
                }
            } catch (IOException streamClosed) {
                // The process ended; nothing more to read.
            }
        }, "dynalite-output");
        drain.setDaemon(true);
        drain.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!listening.await(50, TimeUnit.MILLISECONDS)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    stop(process);
                    drain.join(1000);
                    throw new IllegalStateException("dynalite did not start on port " + port + ":\n"
                            + String.join("\n", output));
                }
            }
        } catch (InterruptedException e) {
            stop(process);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting dynalite", e);
        }
        return process;
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free local port", e);
        }
    }

    // ------------------------------------------------------------------------- helpers

    private static String known(Map<String, String> values, String logicalId, String type) {
        String value = values.get(logicalId);
        if (value == null) {
            throw new IllegalArgumentException("No " + type + " named " + logicalId + " in the template");
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }

    private static String string(Object value) {
        if (!(value instanceof String s)) {
            throw new IllegalStateException("Expected a literal string in the template, got " + value);
        }
        return s;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
