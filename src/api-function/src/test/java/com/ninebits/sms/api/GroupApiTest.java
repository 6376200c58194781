package com.ninebits.sms.api;

import com.ninebits.sms.adapters.dynamo.Keys;
import com.ninebits.sms.testsupport.LocalStack;
import com.ninebits.sms.testsupport.LocalStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class GroupApiTest {

    private static final String PATH = "/ng/v1/groups";

    private static ValidatableResponse create(ApiFixtures.Customer customer, Object body) {
        return given().auth().oauth2(customer.token()).contentType(ContentType.JSON).body(body).post(PATH).then();
    }

    private static String createGroup(ApiFixtures.Customer customer, String name, List<String> members) {
        return create(customer, Map.of("name", name, "members", members)).statusCode(201).extract().path("group_id");
    }

    private static ValidatableResponse get(ApiFixtures.Customer customer, String groupId) {
        return given().auth().oauth2(customer.token()).get(PATH + "/" + groupId).then();
    }

    private static ValidatableResponse change(ApiFixtures.Customer customer, String groupId, Object body) {
        return given().auth().oauth2(customer.token()).contentType(ContentType.JSON).body(body)
                .post(PATH + "/" + groupId + "/members").then();
    }

    /** 250 distinct Nigerian mobile numbers, 2348030000000 upwards. */
    private static List<String> numbers(int count, long first) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(Long.toString(first + i));
        }
        return out;
    }

    // Invariant: the size is the number of members, even when requests add and remove the same
    // members at the same moment.
    @Test
    void concurrentChangesOfTheSameMembersKeepTheSizeExact() throws Exception {
        var customer = ApiFixtures.newCustomer(0);
        String groupId = createGroup(customer, "Race", List.of("+2348020000000"));
        List<String> same = List.of("+2348020000001", "+2348020000002", "+2348020000003");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Integer>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Map<String, Object> change = i % 4 == 3
                        ? Map.of("add", same, "remove", List.of("+2348020000000"))
                        : Map.of("add", same);
                calls.add(pool.submit(() -> change(customer, groupId, change).extract().statusCode()));
            }
            for (var call : calls) {
                assertEquals(200, call.get());
            }
        } finally {
            pool.shutdownNow();
        }

        get(customer, groupId).statusCode(200).body("size", equalTo(3))
                .body("members", containsInAnyOrder("2348020000001", "2348020000002", "2348020000003"));
    }

    @Test
    void normalisesEveryWayOfWritingANumberToOneMember() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        ValidatableResponse created = create(customer, Map.of("name", "Staff",
                "members", List.of("+2348020000000", "2348020000000", "002348020000000", "08020000000")))
                .statusCode(201)
                .body("group_id", matchesPattern("grp_[0-9a-z]{16}"))
                .body("name", equalTo("Staff"))
                .body("size", equalTo(1));
        String groupId = created.extract().path("group_id");
        created.header("Location", org.hamcrest.Matchers.endsWith(PATH + "/" + groupId));

        get(customer, groupId)
                .statusCode(200)
                .body("group_id", equalTo(groupId))
                .body("name", equalTo("Staff"))
                .body("size", equalTo(1))
                .body("members", equalTo(List.of("2348020000000")))
                .body("next_page_token", nullValue());
    }

    @Test
    void createsAnEmptyGroup() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        String groupId = create(customer, Map.of("name", "Later")).statusCode(201).body("size", equalTo(0))
                .extract().path("group_id");
        get(customer, groupId).statusCode(200).body("members", equalTo(List.of())).body("size", equalTo(0));
    }

    @Test
    void namesEachInvalidMemberByIndex() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        create(customer, Map.of("name", "Bad", "members",
                List.of("+2348020000000", "12", "08020000001", "abc", "+23480200000001234567", "")))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("invalid_request"))
                .body("errors.field", containsInAnyOrder("members[1]", "members[3]", "members[4]", "members[5]"))
                .body("errors.code", containsInAnyOrder("invalid_number", "invalid_number", "invalid_number",
                        "invalid_number"));

        given().auth().oauth2(customer.token()).get(PATH).then().body("groups", equalTo(List.of()));
    }

    @Test
    void refusesMoreMembersThanOneRequestMayHold() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        create(customer, Map.of("name", "Huge", "members", numbers(10_001, 2348070000000L)))
                .statusCode(400)
                .body("errors.field", equalTo(List.of("members")))
                .body("errors[0].code", equalTo("too_many"));
        given().auth().oauth2(customer.token()).get(PATH).then().body("groups", equalTo(List.of()));
    }

    @Test
    void refusesAMissingName() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        create(customer, Map.of("members", List.of("+2348020000000")))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("name")));
        create(customer, Map.of("name", "   ", "members", List.of("+2348020000000")))
                .statusCode(400)
                .body("errors.field", equalTo(List.of("name")));
    }

    @Test
    void namesAMissingNameAndBadMembersTogether() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        create(customer, Map.of("members", List.of("+2348020000000", "12")))
                .statusCode(400)
                .body("errors.field", containsInAnyOrder("name", "members[1]"));
    }

    @Test
    void refusesMembersThatAreNotAList() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        create(customer, Map.of("name", "x", "members", "+2348020000000"))
                .statusCode(400)
                .body("errors.field", equalTo(List.of("members")));
        create(customer, Map.of("name", "x", "members", List.of("+2348020000000", Map.of("n", 1))))
                .statusCode(400)
                .body("errors.field", equalTo(List.of("members[1]")));
    }

    @Test
    void refusesMalformedJsonAndBodiesThatAreNotObjects() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        create(customer, "{\"name\": \"x\", \"members\": [").statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].code", equalTo("malformed_json"));
        create(customer, "[\"+2348020000000\"]").statusCode(400)
                .body("errors[0].code", equalTo("not_an_object"));
    }

    @Test
    void listsTheCallersGroups() {
        ApiFixtures.Customer mine = ApiFixtures.newCustomer(0);
        ApiFixtures.Customer theirs = ApiFixtures.newCustomer(0);
        String staff = createGroup(mine, "Staff", List.of("+2348020000000", "+2348020000001"));
        String vips = createGroup(mine, "VIPs", List.of("+2348020000002"));
        createGroup(theirs, "Theirs", List.of("+2348020000003"));

        given().auth().oauth2(mine.token()).get(PATH)
                .then().statusCode(200)
                .body("groups.group_id", containsInAnyOrder(staff, vips))
                .body("groups.find { it.group_id == '" + staff + "' }.name", equalTo("Staff"))
                .body("groups.find { it.group_id == '" + staff + "' }.size", equalTo(2))
                .body("groups.find { it.group_id == '" + vips + "' }.size", equalTo(1));
        given().auth().oauth2(theirs.token()).get(PATH)
                .then().statusCode(200)
                .body("groups.name", equalTo(List.of("Theirs")));
    }

    @Test
    void pagesThroughTheMembersOfALargeGroup() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        List<String> members = numbers(250, 2348030000000L);
        String groupId = create(customer, Map.of("name", "Big", "members", members))
                .statusCode(201).body("size", equalTo(250)).extract().path("group_id");

        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            var request = given().auth().oauth2(customer.token()).queryParam("page_size", 100);
            if (token != null) {
                request.queryParam("page_token", token);
            }
            JsonPath page = request.get(PATH + "/" + groupId).then().statusCode(200)
                    .body("size", equalTo(250)).extract().jsonPath();
            List<String> pageMembers = page.getList("members", String.class);
            seen.addAll(pageMembers);
            pageSizes.add(pageMembers.size());
            token = page.getString("next_page_token");
            pages++;
            if (pages < 3) {
                assertNotNull(token, "page " + pages + " should point to the next one");
            }
        } while (token != null && pages < 10);

        assertEquals(3, pages);
        assertEquals(List.of(100, 100, 50), pageSizes);
        assertNull(token);
        Set<String> distinct = new HashSet<>(seen);
        assertEquals(250, distinct.size());
        assertEquals(new HashSet<>(members), distinct);
    }

    @Test
    void aGroupThatFillsItsLastPageExactlyEndsWithoutAnEmptyPage() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        String groupId = createGroup(customer, "Two pages", numbers(20, 2348040000000L));

        JsonPath first = given().auth().oauth2(customer.token()).queryParam("page_size", 10)
                .get(PATH + "/" + groupId).then().statusCode(200).extract().jsonPath();
        assertEquals(10, first.getList("members").size());
        JsonPath second = given().auth().oauth2(customer.token()).queryParam("page_size", 10)
                .queryParam("page_token", first.getString("next_page_token"))
                .get(PATH + "/" + groupId).then().statusCode(200).extract().jsonPath();
        assertEquals(10, second.getList("members").size());
        assertNull(second.getString("next_page_token"));
    }

    @Test
    void defaultPageHoldsAHundredMembers() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        String groupId = createGroup(customer, "Default page", numbers(101, 2348050000000L));
        get(customer, groupId).statusCode(200)
                .body("members.size()", equalTo(100))
                .body("next_page_token", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void refusesPageSizesOutOfRange() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        String groupId = createGroup(customer, "Staff", List.of("+2348020000000"));
        for (String size : List.of("0", "1001", "-1")) {
            given().auth().oauth2(customer.token()).queryParam("page_size", size).get(PATH + "/" + groupId)
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field", equalTo(List.of("page_size")));
        }
        given().auth().oauth2(customer.token()).queryParam("page_size", 1000).get(PATH + "/" + groupId)
                .then().statusCode(200);
        given().auth().oauth2(customer.token()).queryParam("page_size", 1).get(PATH + "/" + groupId)
                .then().statusCode(200).body("members", equalTo(List.of("2348020000000")));
    }

    @Test
    void refusesAPageSizeThatIsNotANumber() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        String groupId = createGroup(customer, "Staff", List.of("+2348020000000"));
        for (String size : List.of("ten", "1.5", "")) {
            given().auth().oauth2(customer.token()).queryParam("page_size", size).get(PATH + "/" + groupId)
                    .then().statusCode(size.isEmpty() ? 200 : 400)
                    .contentType(size.isEmpty() ? "application/json" : "application/problem+json");
        }
        given().auth().oauth2(customer.token()).queryParam("page_size", "ten").get(PATH + "/" + groupId)
                .then().statusCode(400)
                .body("errors.field", equalTo(List.of("page_size")))
                .body("errors[0].code", equalTo("invalid_type"));
        given().auth().oauth2(customer.token()).queryParam("page_size", "99999999999").get(PATH + "/" + groupId)
                .then().statusCode(400)
                .body("errors.field", equalTo(List.of("page_size")))
                .body("errors[0].code", equalTo("out_of_range"));
    }

    @Test
    void refusesAPageTokenItDidNotGiveOut() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        String groupId = createGroup(customer, "Staff", List.of("+2348020000000"));
        given().auth().oauth2(customer.token()).queryParam("page_token", "***").get(PATH + "/" + groupId)
                .then().statusCode(400)
                .body("errors.field", equalTo(List.of("page_token")));
    }

    @Test
    void addsAndRemovesMembersKeepingTheSizeExact() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        String groupId = createGroup(customer, "Staff", List.of("+2348020000000", "+2348020000001"));

        change(customer, groupId, Map.of(
                "add", List.of("08020000002", "+2348020000002", "2348020000001", "002348020000003"),
                "remove", List.of("+2348020000000")))
                .statusCode(200)
                .body("group_id", equalTo(groupId))
                .body("name", equalTo("Staff"))
                .body("size", equalTo(3));

        get(customer, groupId).statusCode(200)
                .body("size", equalTo(3))
                .body("members", containsInAnyOrder("2348020000001", "2348020000002", "2348020000003"));
    }

    @Test
    void addingExistingMembersChangesNothing() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        String groupId = createGroup(customer, "Staff", List.of("+2348020000000", "+2348020000001"));

        change(customer, groupId, Map.of("add", List.of("08020000000", "+2348020000001")))
                .statusCode(200).body("size", equalTo(2));
        get(customer, groupId).body("size", equalTo(2))
                .body("members", containsInAnyOrder("2348020000000", "2348020000001"));
    }

    @Test
    void removingANonMemberChangesNothing() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        String groupId = createGroup(customer, "Staff", List.of("+2348020000000"));

        change(customer, groupId, Map.of("remove", List.of("+2348099999999")))
                .statusCode(200).body("size", equalTo(1));
        get(customer, groupId).body("size", equalTo(1)).body("members", equalTo(List.of("2348020000000")));
    }

    @Test
    void removingTheSameMemberTwiceCountsOnce() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        String groupId = createGroup(customer, "Staff", List.of("+2348020000000", "+2348020000001"));

        change(customer, groupId, Map.of("remove", List.of("+2348020000000", "08020000000")))
                .statusCode(200).body("size", equalTo(1));
        get(customer, groupId).body("members", equalTo(List.of("2348020000001")));
    }

    @Test
    void namesInvalidMembersToAddOrRemoveByIndex() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        String groupId = createGroup(customer, "Staff", List.of("+2348020000000"));

        change(customer, groupId, Map.of("add", List.of("+2348020000001", "12"), "remove", List.of("x")))
                .statusCode(400)
                .body("errors.field", containsInAnyOrder("add[1]", "remove[0]"));
        get(customer, groupId).body("size", equalTo(1)).body("members", equalTo(List.of("2348020000000")));
    }

    @Test
    void namesMistypedAndInvalidChangesTogether() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        String groupId = createGroup(customer, "Staff", List.of("+2348020000000"));

        change(customer, groupId, Map.of("add", "+2348020000001", "remove", List.of("12")))
                .statusCode(400)
                .body("errors.field", containsInAnyOrder("add", "remove[0]"));
        change(customer, groupId, Map.of("add", List.of(true), "remove", List.of("+2348020000000")))
                .statusCode(400)
                .body("errors.field", equalTo(List.of("add[0]")));
        get(customer, groupId).body("size", equalTo(1)).body("members", equalTo(List.of("2348020000000")));
    }

    @Test
    void refusesAChangeWithNothingToAddOrRemove() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        String groupId = createGroup(customer, "Staff", List.of("+2348020000000"));
        change(customer, groupId, Map.of()).statusCode(400).contentType("application/problem+json");
    }

    @Test
    void deletesAGroup() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        String groupId = createGroup(customer, "Staff", numbers(30, 2348060000000L));

        given().auth().oauth2(customer.token()).delete(PATH + "/" + groupId).then().statusCode(204);

        get(customer, groupId).statusCode(404).contentType("application/problem+json").body("code", equalTo("not_found"));
        given().auth().oauth2(customer.token()).delete(PATH + "/" + groupId).then().statusCode(404);
        change(customer, groupId, Map.of("add", List.of("+2348020000000"))).statusCode(404);
        given().auth().oauth2(customer.token()).get(PATH).then().body("groups", equalTo(List.of()));

        LocalStack stack = LocalStack.shared();
        int left = stack.dynamo().query(b -> b.tableName(stack.tableName("AccountsTable"))
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.members(groupId))))).count();
        assertEquals(0, left, "the deleted group's members are gone too");
    }

    @Test
    void anotherAccountsGroupIsNotFound() {
        ApiFixtures.Customer owner = ApiFixtures.newCustomer(0);
        ApiFixtures.Customer other = ApiFixtures.newCustomer(0);
        String groupId = createGroup(owner, "Staff", List.of("+2348020000000"));

        get(other, groupId).statusCode(404).contentType("application/problem+json").body("code", equalTo("not_found"));
        change(other, groupId, Map.of("add", List.of("+2348020000001"), "remove", List.of("+2348020000000")))
                .statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(other.token()).delete(PATH + "/" + groupId)
                .then().statusCode(404).contentType("application/problem+json");

        get(owner, groupId).statusCode(200).body("size", equalTo(1)).body("members", equalTo(List.of("2348020000000")));
    }

    @Test
    void anUnknownGroupIsNotFound() {
        ApiFixtures.Customer customer = ApiFixtures.newCustomer(0);
        get(customer, "grp_doesnotexist0000").statusCode(404).contentType("application/problem+json");
    }

    @Test
    void needsABearerToken() {
        given().get(PATH).then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("name", "x")).post(PATH).then().statusCode(401);
    }
}
