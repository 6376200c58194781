package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.domain.group.Group;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/**
 * A group item ({@code ACC#id / GROUP#g}) and {@link Group}. Its members are items of their own
 * ({@code GROUP#g / MEMBER#e164}) that carry nothing but their key.
 */
final class GroupItem {

    static final String SIZE = "size";

    private GroupItem() {
    }

    static Item write(Group group) {
        return Item.at(Keys.group(group.accountId(), group.id()))
                .put("group_id", group.id())
                .put("name", group.name())
                .put(SIZE, group.size())
                .put("created_at", group.createdAt());
    }

    static Group read(String accountId, Map<String, AttributeValue> item) {
        return new Group(accountId, Item.string(item, "group_id"), Item.string(item, "name"), Item.number(item, SIZE),
                Item.instant(item, "created_at"));
    }

    static Item member(String groupId, String number) {
        return Item.at(Keys.member(groupId, number));
    }
}
