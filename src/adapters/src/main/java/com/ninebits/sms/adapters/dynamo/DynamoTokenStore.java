package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.domain.account.ApiToken;
import com.ninebits.sms.domain.account.TokenStore;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.document.EnhancedDocument;
import software.amazon.awssdk.enhanced.dynamodb.model.DeleteItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.util.Map;
import java.util.Optional;

/** Token hashes ({@code TOKEN#id / TOKEN}): found by the id inside the presented token. */
@ApplicationScoped
public class DynamoTokenStore implements TokenStore {

    private static final String SK = "TOKEN";

    private final Tables tables;

    public DynamoTokenStore(Tables tables) {
        this.tables = tables;
    }

    @Override
    public void save(ApiToken.Stored token) {
        tables.accounts().putItem(Tables.item("TOKEN#" + token.tokenId(), SK)
                .putString("token_id", token.tokenId())
                .putString("account_id", token.accountId())
                .putString("hash", token.hash())
                .putString("created_at", token.createdAt().toString())
                .build());
    }

    @Override
    public Optional<ApiToken.Stored> find(String tokenId) {
        return Optional.ofNullable(tables.accounts().getItem(Tables.key("TOKEN#" + tokenId, SK)))
                .map(doc -> new ApiToken.Stored(doc.getString("token_id"), doc.getString("account_id"),
                        doc.getString("hash"), Docs.instantOf(doc, "created_at")));
    }

    @Override
    public boolean delete(String accountId, String tokenId) {
        try {
            EnhancedDocument deleted = tables.accounts().deleteItem(DeleteItemEnhancedRequest.builder()
                    .key(Tables.key("TOKEN#" + tokenId, SK))
                    .conditionExpression(Expression.builder()
                            .expression("account_id = :account")
                            .expressionValues(Map.of(":account", Docs.s(accountId)))
                            .build())
                    .build());
            return deleted != null;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
