package com.ninebits.sms.testsupport;

import static com.ninebits.sms.testsupport.Template.asList;
import static com.ninebits.sms.testsupport.Template.asMap;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.ninebits.sms.testsupport.Template.Resource;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** Every {@code AWS::DynamoDB::Table} of the template, created as it declares it: keys, attributes, indexes. */
final class TemplateTables {

    private static final long LOCAL_CAPACITY = 1000;
    private static final ProvisionedThroughput CAPACITY = ProvisionedThroughput.builder()
            .readCapacityUnits(LOCAL_CAPACITY).writeCapacityUnits(LOCAL_CAPACITY).build();

    private TemplateTables() {
    }

    /** Creates the tables (named by their logical IDs) and waits until they are active; their ARNs by logical ID. */
    static Map<String, String> create(DynamoDbClient dynamo, Template template) {
        Map<String, String> arns = new LinkedHashMap<>();
        for (Resource table : template.ofType(LocalStack.TABLE)) {
            arns.put(table.logicalId(), dynamo.createTable(request(table)).tableDescription().tableArn());
        }
        awaitActive(dynamo, arns.keySet());
        return arns;
    }

    private static CreateTableRequest request(Resource table) {
        Map<String, Object> p = table.properties();
        List<GlobalSecondaryIndex> globalIndexes = new ArrayList<>();
        for (Object index : asList(p.get("GlobalSecondaryIndexes"))) {
            Map<String, Object> i = asMap(index);
            globalIndexes.add(GlobalSecondaryIndex.builder()
                    .indexName(string(i.get("IndexName")))
                    .keySchema(keySchema(i.get("KeySchema")))
                    .projection(projection(i.get("Projection")))
                    .provisionedThroughput(CAPACITY)
                    .build());
        }
        List<LocalSecondaryIndex> localIndexes = new ArrayList<>();
        for (Object index : asList(p.get("LocalSecondaryIndexes"))) {
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
                .attributeDefinitions(asList(p.get("AttributeDefinitions")).stream()
                        .map(Template::asMap)
                        .map(a -> AttributeDefinition.builder()
                                .attributeName(string(a.get("AttributeName")))
                                .attributeType(string(a.get("AttributeType")))
                                .build())
                        .toList())
                .keySchema(keySchema(p.get("KeySchema")))
                .provisionedThroughput(CAPACITY);
        if (!globalIndexes.isEmpty()) {
            request.globalSecondaryIndexes(globalIndexes);
        }
        if (!localIndexes.isEmpty()) {
            request.localSecondaryIndexes(localIndexes);
        }
        return request.build();
    }

    private static void awaitActive(DynamoDbClient dynamo, Iterable<String> tables) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (String table : tables) {
            while (dynamo.describeTable(b -> b.tableName(table)).table().tableStatus() != TableStatus.ACTIVE) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Table " + table + " did not become ACTIVE");
                }
                Pause.of(Duration.ofMillis(20));
            }
        }
    }

    private static List<KeySchemaElement> keySchema(Object schema) {
        return asList(schema).stream()
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
        List<Object> nonKey = asList(p.get("NonKeyAttributes"));
        if (!nonKey.isEmpty()) {
            projection.nonKeyAttributes(nonKey.stream().map(String::valueOf).toList());
        }
        return projection.build();
    }

    private static String string(Object value) {
        if (!(value instanceof String s)) {
            throw new IllegalStateException("Expected a literal string in the template, got " + value);
        }
        return s;
    }
}
