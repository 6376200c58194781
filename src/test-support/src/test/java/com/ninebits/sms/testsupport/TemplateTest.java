package com.ninebits.sms.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.ninebits.sms.testsupport.Template.Intrinsic;

class TemplateTest {

    @TempDir
    Path dir;

    @Test
    void parsesEveryShortTagAsScalarSequenceOrMapping() throws IOException {
        Template template = load("""
                Resources:
                  Thing:
                    Type: Custom::Thing
                    Properties:
                      Ref: !Ref Other
                      GetAttScalar: !GetAtt Other.Arn
                      GetAttSequence: !GetAtt [Other, Arn]
                      Sub: !Sub "${AWS::Region}-x"
                      SubWithVariables: !Sub ["${A}", { A: !Ref Other }]
                      If: !If [IsProd, a, b]
                      Equals: !Equals [!Ref Stage, prod]
                      Join: !Join [",", [a, b]]
                      Select: !Select [0, !Split [",", "a,b"]]
                      FindInMap: !FindInMap [Map, Key, Value]
                      Not: !Not [!Condition IsProd]
                      And: !And [!Condition IsProd, !Condition IsProd]
                      Or: !Or [!Condition IsProd, !Condition IsProd]
                      ImportValue: !ImportValue shared-export
                      Base64: !Base64 { "Fn::Sub": "x" }
                      GetAZs: !GetAZs ""
                      Cidr: !Cidr [10.0.0.0/16, 4, 8]
                """);
        Map<String, Object> p = template.resources().get("Thing").properties();

        assertEquals(new Intrinsic("Ref", "Other"), p.get("Ref"));
        assertEquals(new Intrinsic("Fn::GetAtt", "Other.Arn"), p.get("GetAttScalar"));
        assertEquals(new Intrinsic("Fn::GetAtt", List.of("Other", "Arn")), p.get("GetAttSequence"));
        assertEquals(new Intrinsic("Fn::Sub", "${AWS::Region}-x"), p.get("Sub"));
        assertEquals(new Intrinsic("Fn::Sub", List.of("${A}", Map.of("A", new Intrinsic("Ref", "Other")))),
                p.get("SubWithVariables"));
        assertEquals(new Intrinsic("Fn::If", List.of("IsProd", "a", "b")), p.get("If"));
        assertEquals(new Intrinsic("Fn::Equals", List.of(new Intrinsic("Ref", "Stage"), "prod")), p.get("Equals"));
        assertEquals(new Intrinsic("Fn::Join", List.of(",", List.of("a", "b"))), p.get("Join"));
        assertEquals(new Intrinsic("Fn::Select", List.of(0, new Intrinsic("Fn::Split", List.of(",", "a,b")))),
                p.get("Select"));
        assertEquals(new Intrinsic("Fn::FindInMap", List.of("Map", "Key", "Value")), p.get("FindInMap"));
        assertEquals(new Intrinsic("Fn::Not", List.of(new Intrinsic("Condition", "IsProd"))), p.get("Not"));
        assertEquals("Fn::And", ((Intrinsic) p.get("And")).tag());
        assertEquals("Fn::Or", ((Intrinsic) p.get("Or")).tag());
        assertEquals(new Intrinsic("Fn::ImportValue", "shared-export"), p.get("ImportValue"));
        assertEquals(new Intrinsic("Fn::Base64", new Intrinsic("Fn::Sub", "x")), p.get("Base64"));
        assertEquals(new Intrinsic("Fn::GetAZs", ""), p.get("GetAZs"));
        assertEquals(new Intrinsic("Fn::Cidr", List.of("10.0.0.0/16", 4, 8)), p.get("Cidr"));
    }

    @Test
    void longFormFunctionsEqualShortTags() throws IOException {
        Template template = load("""
                Resources:
                  Thing:
                    Type: Custom::Thing
                    Properties:
                      Short: !GetAtt [Other, Arn]
                      Long: { "Fn::GetAtt": [Other, Arn] }
                      ShortRef: !Ref Other
                      LongRef: { Ref: Other }
                """);
        Map<String, Object> p = template.resources().get("Thing").properties();

        assertEquals(p.get("Short"), p.get("Long"));
        assertEquals(p.get("ShortRef"), p.get("LongRef"));
    }

    @Test
    void readsFunctionsWithOwnEnvironmentAndEvents() throws IOException {
        Template template = load("""
                Globals:
                  Function:
                    CodeUri: default.zip
                    Environment:
                      Variables:
                        SHARED: !Ref Table
                Resources:
                  Table:
                    Type: AWS::DynamoDB::Table
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Environment: { Variables: { OWN: value } }
                      Events:
                        Api: { Type: HttpApi, Properties: { Method: GET, Path: /x } }
                  Other:
                    Type: AWS::Serverless::Function
                    Properties: { CodeUri: other.zip }
                """);

        assertEquals(Map.of("SHARED", new Intrinsic("Ref", "Table")), template.globalEnvironment());
        assertEquals(List.of("Fn", "Other"), template.functions().stream().map(Template.FunctionDef::logicalId).toList());
        Template.FunctionDef fn = template.function("Fn");
        assertEquals("default.zip", fn.codeUri());
        assertEquals(Map.of("OWN", "value"), fn.environment());
        assertEquals(List.of(new Template.EventDef("Api", "HttpApi", Map.of("Method", "GET", "Path", "/x"))), fn.events());
        assertEquals("other.zip", template.function("Other").codeUri());
        assertEquals(List.of("Table"), template.ofType(LocalStack.TABLE).stream().map(Template.Resource::logicalId).toList());
    }

    @Test
    void parsesTheProjectTemplate() {
        Template template = Template.load(LocalStack.findRepoRoot().resolve("infra/template.yaml"));

        assertFalse(template.ofType(LocalStack.TABLE).isEmpty());
        assertFalse(template.ofType(LocalStack.QUEUE).isEmpty());
        assertFalse(template.functions().isEmpty());
        for (Template.FunctionDef function : template.functions()) {
            assertNotNull(function.codeUri(), function.logicalId());
            function.events().forEach(event -> assertNotNull(event.type(), event.name()));
        }
        Set<String> declared = template.resources().keySet();
        for (Object value : template.globalEnvironment().values()) {
            if (value instanceof Intrinsic ref && ref.tag().equals("Ref")) {
                assertTrue(declared.contains(ref.value()) || template.parameters().containsKey(ref.value()),
                        "global variable refers to unknown " + ref.value());
            }
        }
    }

    @Test
    void resolvesWhatIsKnownLocallyAndLeavesOutTheRest() throws IOException {
        Template template = load("""
                Parameters:
                  Stage: { Type: String, Default: prod }
                  Secret: { Type: String }
                  Days: { Type: Number, Default: 30 }
                Conditions:
                  IsProd: !Equals [!Ref Stage, prod]
                  IsDev: !Not [!Condition IsProd]
                  Both: !And [!Condition IsProd, !Or [!Condition IsDev, !Equals [a, a]]]
                Resources:
                  Queue: { Type: AWS::SQS::Queue }
                """);
        Map<String, String> attributes = Map.of("Queue/", "http://q", "Queue/Arn", "arn:q", "Queue/QueueName", "Queue");
        var resolver = new TemplateResolver(template,
                (id, attribute) -> Optional.ofNullable(attributes.get(id + "/" + (attribute == null ? "" : attribute))));

        assertEquals(Optional.of("http://q"), resolver.resolve(new Intrinsic("Ref", "Queue")));
        assertEquals(Optional.of("arn:q"), resolver.resolve(new Intrinsic("Fn::GetAtt", "Queue.Arn")));
        assertEquals(Optional.of("Queue"), resolver.resolve(new Intrinsic("Fn::GetAtt", List.of("Queue", "QueueName"))));
        assertEquals(Optional.of("prod"), resolver.resolve(new Intrinsic("Ref", "Stage")));
        assertEquals(Optional.of("30"), resolver.resolve(new Intrinsic("Ref", "Days")));
        assertEquals(Optional.empty(), resolver.resolve(new Intrinsic("Ref", "Secret")));
        assertEquals(Optional.empty(), resolver.resolve(new Intrinsic("Ref", "Unknown")));
        assertEquals(Optional.of("prod/arn:q/us-east-1/${Literal}"),
                resolver.resolve(new Intrinsic("Fn::Sub", "${Stage}/${Queue.Arn}/${AWS::Region}/${!Literal}")));
        assertEquals(Optional.of("x-http://q"),
                resolver.resolve(new Intrinsic("Fn::Sub", List.of("x-${V}", Map.of("V", new Intrinsic("Ref", "Queue"))))));
        assertEquals(Optional.empty(), resolver.resolve(new Intrinsic("Fn::Sub", "{{resolve:secretsmanager:${Stage}}}")));
        assertEquals(Optional.empty(), resolver.resolve("{{resolve:ssm:/x}}"));
        assertEquals(Optional.of("a,prod"), resolver.resolve(
                new Intrinsic("Fn::Join", List.of(",", List.of("a", new Intrinsic("Ref", "Stage"))))));
        assertEquals(Optional.of("b"), resolver.resolve(new Intrinsic("Fn::Select", List.of(1, List.of("a", "b")))));
        assertEquals(Optional.of("yes"), resolver.resolve(new Intrinsic("Fn::If", List.of("Both", "yes", "no"))));
        assertEquals(Optional.of("no"), resolver.resolve(new Intrinsic("Fn::If", List.of("IsDev", "yes", "no"))));
        assertEquals(Optional.empty(), resolver.resolve(
                new Intrinsic("Fn::If", List.of("IsProd", new Intrinsic("Ref", "AWS::NoValue"), "no"))));
        assertEquals(Optional.empty(), resolver.resolve(new Intrinsic("Fn::ImportValue", "x")));
    }

    @Test
    void mapsWithMoreThanOneKeyStayMaps() throws IOException {
        Template template = load("""
                Resources:
                  Thing: { Type: Custom::Thing, Properties: { A: !Ref X, B: { Ref: X, Other: 1 } } }
                """);
        Map<String, Object> p = template.resources().get("Thing").properties();

        assertInstanceOf(Intrinsic.class, p.get("A"));
        assertEquals(Set.of("Ref", "Other"),
                ((Map<?, ?>) p.get("B")).keySet().stream().map(String::valueOf).collect(Collectors.toSet()));
    }

    private Template load(String yaml) throws IOException {
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, yaml);
        return Template.load(file);
    }
}
