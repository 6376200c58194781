package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.domain.optout.OptOutStore;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Opt-outs: one item per number under the account ({@code ACC#id / OPTOUT#e164}). Acceptance
 * asks about every recipient of a batch at once: BatchGetItem, 100 keys a call, the calls side by
 * side, so that 10,000 recipients cost a hundred reads in the time of a few, not 10,000 GetItems.
 */
@ApplicationScoped
public class DynamoOptOutStore implements OptOutStore {

    private static final int KEYS_PER_CALL = 100;
    private static final int MAX_ROUNDS = 8;
    private static final ExecutorService READERS = Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "opt-out-reads");
        t.setDaemon(true);
        return t;
    });

    private final Table accounts;

    public DynamoOptOutStore(Tables tables) {
        this.accounts = tables.accounts();
    }

    @Override
    public Set<String> optedOut(String accountId, Collection<String> numbers) {
        List<String> all = List.copyOf(numbers);
        List<Callable<List<String>>> calls = new ArrayList<>();
        for (int from = 0; from < all.size(); from += KEYS_PER_CALL) {
            List<String> slice = all.subList(from, Math.min(from + KEYS_PER_CALL, all.size()));
            calls.add(() -> found(accountId, slice));
        }
        Set<String> out = new HashSet<>();
        if (calls.size() == 1) {
            out.addAll(found(accountId, all));
            return out;
        }
        try {
            for (Future<List<String>> done : READERS.invokeAll(calls)) {
                out.addAll(done.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the opt-out list of " + accountId, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
        return out;
    }

    /** One BatchGetItem of up to 100 keys, reading again what DynamoDB left unprocessed. */
    private List<String> found(String accountId, List<String> numbers) {
        List<Map<String, AttributeValue>> keys = numbers.stream().map(n -> Keys.optOut(accountId, n).attributes()).toList();
        List<String> out = new ArrayList<>();
        for (int round = 0; !keys.isEmpty(); round++) {
            if (round == MAX_ROUNDS) {
                throw new IllegalStateException("DynamoDB left " + keys.size() + " opt-out reads unprocessed");
            }
            if (round > 0) {
                pause(25L << round);
            }
            List<Map<String, AttributeValue>> call = keys;
            BatchGetItemResponse response = accounts.client().batchGetItem(b -> b.requestItems(Map.of(accounts.name(),
                    KeysAndAttributes.builder().keys(call).projectionExpression("sk").build())));
            response.responses().getOrDefault(accounts.name(), List.of()).forEach(item -> out.add(Keys.optOutNumber(item)));
            KeysAndAttributes left = response.unprocessedKeys().get(accounts.name());
            keys = left == null ? List.of() : left.keys();
        }
        return out;
    }

    @Override
    public void add(String accountId, Collection<String> numbers, Instant at) {
        BatchWrites.write(accounts, numbers.stream()
                .map(n -> WriteRequest.builder().putRequest(PutRequest.builder()
                        .item(Item.at(Keys.optOut(accountId, n)).put("added_at", at).attributes()).build()).build())
                .toList());
    }

    @Override
    public boolean remove(String accountId, String number) {
        return accounts.deleteExisting(Keys.optOut(accountId, number));
    }

    @Override
    public Page list(String accountId, int pageSize, String after) {
        List<Entry> out = new ArrayList<>(pageSize);
        Map<String, AttributeValue> next = after == null ? null : Keys.optOut(accountId, after).attributes();
        // Query's Limit counts items read, so keep reading until the page is full or the list ends.
        do {
            Map<String, AttributeValue> from = next;
            QueryResponse response = accounts.query(b -> b
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :optout)")
                    .expressionAttributeValues(Map.of(":pk", Docs.s(Keys.account(accountId)), ":optout", Docs.s(Keys.OPT_OUT)))
                    .limit(pageSize - out.size() + 1)
                    .exclusiveStartKey(from));
            for (Map<String, AttributeValue> item : response.items()) {
                out.add(new Entry(Keys.optOutNumber(item), Item.instant(item, "added_at")));
            }
            next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (next != null && out.size() <= pageSize);
        // One more than the page was asked for: whether there is a next page, without another query.
        boolean more = out.size() > pageSize;
        List<Entry> page = more ? out.subList(0, pageSize) : out;
        return new Page(List.copyOf(page), more ? page.get(page.size() - 1).number() : null);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
