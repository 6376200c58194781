package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.adapters.config.TableConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The gateway's three tables, each a generic {@code pk}/{@code sk} table holding several kinds of
 * item (see infra/template.yaml and {@link Keys}). Every store reaches them through the low-level
 * client, with one codec per kind of item and its updates built by {@link Update}.
 */
@ApplicationScoped
public class Tables {

    private final DynamoDbClient client;
    private final TableConfig names;
    private final Table accounts;
    private final Table batches;
    private final Table messages;

    @Inject
    public Tables(DynamoDbClient client, TableConfig names) {
        this.client = client;
        this.names = names;
        this.accounts = new Table(client, names.accounts());
        this.batches = new Table(client, names.batches());
        this.messages = new Table(client, names.messages());
    }

    public DynamoDbClient client() {
        return client;
    }

    public Table accounts() {
        return accounts;
    }

    public Table batches() {
        return batches;
    }

    public Table messages() {
        return messages;
    }

    public TableConfig names() {
        return names;
    }
}
