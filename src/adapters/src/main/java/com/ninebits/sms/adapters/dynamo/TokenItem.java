package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.domain.account.ApiToken;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/** A token item ({@code TOKEN#id / TOKEN}): the hash of an API token, never the token. */
final class TokenItem {

    static final String ACCOUNT_ID = "account_id";

    private TokenItem() {
    }

    static Item write(ApiToken.Stored token) {
        return Item.at(Keys.token(token.tokenId()))
                .put("token_id", token.tokenId())
                .put(ACCOUNT_ID, token.accountId())
                .put("hash", token.hash())
                .put("created_at", token.createdAt());
    }

    static ApiToken.Stored read(Map<String, AttributeValue> item) {
        return new ApiToken.Stored(Item.string(item, "token_id"), Item.string(item, ACCOUNT_ID), Item.string(item, "hash"),
                Item.instant(item, "created_at"));
    }
}
