package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.domain.batch.MessageState;
import com.ninebits.sms.domain.batch.MessageStore;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Messages ({@code MSG#account#reference / index}): one item per message once it left the queue. */
@ApplicationScoped
public class DynamoMessageStore implements MessageStore {

    private final Tables tables;

    public DynamoMessageStore(Tables tables) {
        this.tables = tables;
    }

    public static String pk(String accountId, String referenceId) {
        return "MSG#" + accountId + "#" + referenceId;
    }

    public static String sk(int index) {
        return String.format(Locale.ROOT, "%06d", index);
    }

    @Override
    public Map<Integer, MessageState> range(String accountId, String referenceId, int from, int to) {
        Map<Integer, MessageState> out = new HashMap<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> exclusiveStart = start;
            QueryResponse response = tables.client().query(b -> b
                    .tableName(tables.names().messages())
                    .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                    .expressionAttributeValues(Map.of(":pk", Docs.s(pk(accountId, referenceId)),
                            ":from", Docs.s(sk(from)), ":to", Docs.s(sk(Math.max(from, to - 1)))))
                    .exclusiveStartKey(exclusiveStart));
            for (Map<String, AttributeValue> item : response.items()) {
                int index = Integer.parseInt(item.get(Tables.SK).s());
                out.put(index, new MessageState(index, str(item, "to"),
                        MessageState.Status.valueOf(str(item, "status").toUpperCase(Locale.ROOT)),
                        item.containsKey("parts") ? Integer.parseInt(item.get("parts").n()) : 1,
                        str(item, "smsc_message_id"), instant(item, "smsc_timestamp"), instant(item, "updated_at"),
                        str(item, "error_code")));
            }
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        String s = str(item, name);
        return s == null ? null : Instant.parse(s);
    }
}
