package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.adapters.config.TableConfig;
import com.ninebits.sms.testsupport.LocalStack;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;
import java.util.UUID;

/**
 * The three tables as the stores see them, on the local stack this JVM shares (dynalite, tables
 * created from the SAM template). Every test works under accounts of its own, so none sees another's
 * items.
 */
final class LocalTables {

    private static Tables tables;

    private LocalTables() {
    }

    static synchronized Tables tables() {
        if (tables == null) {
            LocalStack stack = LocalStack.shared();
            tables = new Tables(stack.dynamo(), new TableConfig() {
                @Override
                public String accounts() {
                    return stack.tableName("AccountsTable");
                }

                @Override
                public String batches() {
                    return stack.tableName("BatchesTable");
                }

                @Override
                public String messages() {
                    return stack.tableName("MessagesTable");
                }
            });
        }
        return tables;
    }

    /** An id no other test uses. */
    static String unique(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 13);
    }

    /** The item as stored, read past the store under test; empty when there is none. */
    static Map<String, AttributeValue> stored(Table table, Keys.Key key) {
        return table.getConsistent(key).orElse(Map.of());
    }
}
