package com.ninebits.sms.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.ninebits.sms.testsupport.LocalStackResource;
import com.ninebits.sms.testsupport.OpenApiValidation;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The API description: served without a token through the Lambda path, the same in JSON and YAML,
 * and equal to the committed copy, so that a change to the annotations shows in review. To
 * regenerate the copy after changing them, run this test and copy the file its failure names.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class ApiDescriptionTest {

    private static final Path GENERATED = Path.of("target/openapi/openapi.yaml");

    private static String served(String name) {
        return given().get("/ng/v1/" + name).then().statusCode(200).extract().asString();
    }

    @Test
    void committedDocumentIsTheOneTheCodeGenerates() throws IOException {
        String generated = served("openapi.yaml");
        String committed = Files.exists(AnswersMatchApiDescription.DOCUMENT) ? Files.readString(AnswersMatchApiDescription.DOCUMENT) : "";
        if (!generated.equals(committed)) {
            Files.createDirectories(GENERATED.getParent());
            Files.writeString(GENERATED, generated);
        }
        assertEquals(committed, generated, "the API description changed: review and commit it with\n  cp "
                + GENERATED.toAbsolutePath() + " " + AnswersMatchApiDescription.DOCUMENT);
    }

    @Test
    void jsonAndYamlAreOneDocument() throws IOException {
        JsonNode json = new ObjectMapper().readTree(served("openapi.json"));
        JsonNode yaml = new ObjectMapper(new YAMLFactory()).readTree(served("openapi.yaml"));
        assertEquals(yaml, json);
        assertEquals("3.1.0", json.path("openapi").asText());
    }

    @Test
    void describesOnlyTheNgV1Api() throws IOException {
        JsonNode paths = new ObjectMapper().readTree(served("openapi.json")).path("paths");
        assertTrue(paths.size() > 10, "paths: " + paths.size());
        paths.fieldNames().forEachRemaining(p -> assertTrue(p.startsWith("/ng/v1/"), p));
    }

    @Test
    void everyAnswerOfThisTestRunIsChecked() {
        assertTrue(RestAssured.filters().stream().anyMatch(OpenApiValidation.class::isInstance),
                "the validating filter is not installed: " + RestAssured.filters());
    }
}
