package com.ninebits.sms.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** Template shapes the project template does not have yet: secondary indexes, chained dead-letter queues. */
class LocalStackFromOtherTemplateTest {

    @TempDir
    Path root;

    @Test
    void createsOnDemandTablesWithSecondaryIndexesAndQueuesInRedriveOrder() throws IOException {
        Files.createDirectories(root.resolve("infra/local"));
        Path nodeModules = Files.createSymbolicLink(root.resolve("infra/local/node_modules"),
                LocalStack.findRepoRoot().resolve("infra/local/node_modules").toAbsolutePath());
        Files.writeString(root.resolve("infra/template.yaml"), """
                Resources:
                  First:
                    Type: AWS::SQS::Queue
                    Properties:
                      RedrivePolicy: { deadLetterTargetArn: !GetAtt Second.Arn, maxReceiveCount: 3 }
                  Second:
                    Type: AWS::SQS::Queue
                    Properties:
                      RedrivePolicy: { deadLetterTargetArn: !GetAtt [Third, Arn], maxReceiveCount: 2 }
                  Third:
                    Type: AWS::SQS::Queue
                  Items:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      BillingMode: PAY_PER_REQUEST
                      AttributeDefinitions:
                        - { AttributeName: pk, AttributeType: S }
                        - { AttributeName: sk, AttributeType: S }
                        - { AttributeName: status, AttributeType: S }
                        - { AttributeName: created, AttributeType: N }
                      KeySchema:
                        - { AttributeName: pk, KeyType: HASH }
                        - { AttributeName: sk, KeyType: RANGE }
                      GlobalSecondaryIndexes:
                        - IndexName: byStatus
                          KeySchema: [{ AttributeName: status, KeyType: HASH }]
                          Projection: { ProjectionType: KEYS_ONLY }
                      LocalSecondaryIndexes:
                        - IndexName: byCreated
                          KeySchema:
                            - { AttributeName: pk, KeyType: HASH }
                            - { AttributeName: created, KeyType: RANGE }
                          Projection: { ProjectionType: INCLUDE, NonKeyAttributes: [status] }
                      TimeToLiveSpecification: { AttributeName: expires, Enabled: true }
                """);

        try (LocalStack stack = LocalStack.start(root)) {
            TableDescription table = stack.dynamo().describeTable(b -> b.tableName("Items")).table();
            assertEquals(List.of("byStatus"), table.globalSecondaryIndexes().stream().map(i -> i.indexName()).toList());
            assertEquals(List.of("byCreated"), table.localSecondaryIndexes().stream().map(i -> i.indexName()).toList());
            stack.dynamo().putItem(b -> b.tableName("Items").item(Map.of("pk", AttributeValue.fromS("a"),
                    "sk", AttributeValue.fromS("1"), "status", AttributeValue.fromS("SENT"),
                    "created", AttributeValue.fromN("5"))));
            assertEquals(1, stack.dynamo().query(b -> b.tableName("Items").indexName("byStatus")
                    .keyConditionExpression("#s = :s")
                    .expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":s", AttributeValue.fromS("SENT")))).count());

            for (String queue : List.of("First", "Second")) {
                String redrive = stack.sqs().getQueueAttributes(b -> b.queueUrl(stack.queueUrl(queue))
                        .attributeNamesWithStrings("RedrivePolicy")).attributesAsStrings().get("RedrivePolicy");
                String target = queue.equals("First") ? "Second" : "Third";
                assertTrue(redrive.contains(stack.queueArn(target)), queue + " -> " + redrive);
            }
        } finally {
            Files.delete(nodeModules);
        }
    }
}
