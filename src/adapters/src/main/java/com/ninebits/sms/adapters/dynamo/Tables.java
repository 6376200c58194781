package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.adapters.config.TableConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverterProvider;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.document.EnhancedDocument;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The gateway's three tables, each a generic {@code pk}/{@code sk} table holding several kinds of
 * item (see infra/template.yaml). Items are Enhanced Client documents: no reflection, so the
 * native image needs no registration for them. Arithmetic updates ({@code ADD}, conditional
 * debits) go through the low-level client, which the Enhanced Client cannot express.
 */
@ApplicationScoped
public class Tables {

    static final String PK = "pk";
    static final String SK = "sk";

    static final TableSchema<EnhancedDocument> SCHEMA = TableSchema.documentSchemaBuilder()
            .addIndexPartitionKey(TableMetadata.primaryIndexName(), PK, AttributeValueType.S)
            .addIndexSortKey(TableMetadata.primaryIndexName(), SK, AttributeValueType.S)
            .attributeConverterProviders(AttributeConverterProvider.defaultProvider())
            .build();

    private final DynamoDbClient client;
    private final DynamoDbTable<EnhancedDocument> accounts;
    private final DynamoDbTable<EnhancedDocument> batches;
    private final DynamoDbTable<EnhancedDocument> messages;
    private final TableConfig names;

    @Inject
    public Tables(DynamoDbClient client, DynamoDbEnhancedClient enhanced, TableConfig names) {
        this.client = client;
        this.names = names;
        this.accounts = enhanced.table(names.accounts(), SCHEMA);
        this.batches = enhanced.table(names.batches(), SCHEMA);
        this.messages = enhanced.table(names.messages(), SCHEMA);
    }

    public DynamoDbClient client() {
        return client;
    }

    public DynamoDbTable<EnhancedDocument> accounts() {
        return accounts;
    }

    public DynamoDbTable<EnhancedDocument> batches() {
        return batches;
    }

    public DynamoDbTable<EnhancedDocument> messages() {
        return messages;
    }

    public TableConfig names() {
        return names;
    }

    static Key key(String pk, String sk) {
        return Key.builder().partitionValue(pk).sortValue(sk).build();
    }

    static EnhancedDocument.Builder item(String pk, String sk) {
        return EnhancedDocument.builder()
                .attributeConverterProviders(AttributeConverterProvider.defaultProvider())
                .putString(PK, pk)
                .putString(SK, sk);
    }
}
