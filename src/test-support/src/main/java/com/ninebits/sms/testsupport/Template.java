package com.ninebits.sms.testsupport;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The SAM template read as plain data. CloudFormation functions, short ({@code !Ref X}) or long
 * ({@code {Ref: X}}, {@code {"Fn::GetAtt": [...]}}), become {@link Intrinsic} values.
 */
public final class Template {

    public static final String FUNCTION = "AWS::Serverless::Function";

    /**
     * A CloudFormation function. {@code tag} is its long name ({@code Ref}, {@code Condition} or
     * {@code Fn::GetAtt}, {@code Fn::Sub}, ...); {@code value} its argument as parsed: a scalar,
     * a list or a map, possibly holding further intrinsics.
     */
    public record Intrinsic(String tag, Object value) {
        public Intrinsic {
            Objects.requireNonNull(tag, "tag");
        }
    }

    public record Resource(String logicalId, String type, Map<String, Object> properties) {
    }

    public record EventDef(String name, String type, Map<String, Object> properties) {
    }

    /** A SAM function; {@code environment} holds its own variables only, unresolved. */
    public record FunctionDef(String logicalId, String codeUri, Map<String, Object> environment,
            List<EventDef> events) {
    }

    private static final List<String> SHORT_TAGS = List.of("Ref", "Condition", "GetAtt", "Sub", "If",
            "Equals", "Join", "Select", "Split", "FindInMap", "Not", "And", "Or", "ImportValue", "Base64",
            "GetAZs", "Cidr");

    private final Map<String, Object> raw;

    private Template(Map<String, Object> raw) {
        this.raw = raw;
    }

    public static Template load(Path file) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Yaml yaml = new Yaml(new CloudFormationConstructor(options));
        try (Reader reader = Files.newBufferedReader(file)) {
            Object document = yaml.load(reader);
            if (!(document instanceof Map<?, ?>)) {
                throw new IllegalArgumentException(file + " is not a YAML mapping");
            }
            return new Template(Collections.unmodifiableMap(asMap(normalise(document))));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file, e);
        }
    }

    public Map<String, Object> raw() {
        return raw;
    }

    public Map<String, Object> parameters() {
        return section("Parameters");
    }

    public Map<String, Object> conditions() {
        return section("Conditions");
    }

    /** Resources in template order. */
    public Map<String, Resource> resources() {
        Map<String, Resource> resources = new LinkedHashMap<>();
        section("Resources").forEach((id, definition) -> {
            Map<String, Object> body = asMap(definition);
            resources.put(id, new Resource(id, String.valueOf(body.get("Type")), asMap(body.get("Properties"))));
        });
        return Collections.unmodifiableMap(resources);
    }

    public List<Resource> ofType(String type) {
        return resources().values().stream().filter(r -> r.type().equals(type)).toList();
    }

    /** {@code Globals.Function.Environment.Variables}, unresolved. */
    public Map<String, Object> globalEnvironment() {
        return variables(asMap(section("Globals").get("Function")));
    }

    public List<FunctionDef> functions() {
        Object globalCodeUri = asMap(section("Globals").get("Function")).get("CodeUri");
        List<FunctionDef> functions = new ArrayList<>();
        for (Resource resource : ofType(FUNCTION)) {
            Map<String, Object> properties = resource.properties();
            Object codeUri = properties.getOrDefault("CodeUri", globalCodeUri);
            List<EventDef> events = new ArrayList<>();
            asMap(properties.get("Events")).forEach((name, event) -> {
                Map<String, Object> body = asMap(event);
                events.add(new EventDef(name, String.valueOf(body.get("Type")), asMap(body.get("Properties"))));
            });
            functions.add(new FunctionDef(resource.logicalId(), codeUri instanceof String s ? s : null,
                    variables(properties), List.copyOf(events)));
        }
        return List.copyOf(functions);
    }

    public FunctionDef function(String logicalId) {
        return functions().stream()
                .filter(f -> f.logicalId().equals(logicalId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No " + FUNCTION + " named " + logicalId));
    }

    private Map<String, Object> section(String name) {
        return asMap(raw.get(name));
    }

    private static Map<String, Object> variables(Map<String, Object> holder) {
        return asMap(asMap(holder.get("Environment")).get("Variables"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> asList(Object value) {
        return value instanceof List<?> list ? (List<Object>) list : List.of();
    }

    /** Turns long-form functions ({@code {"Fn::Join": [...]}}) into the same values as short tags. */
    private static Object normalise(Object value) {
        if (value instanceof Intrinsic intrinsic) {
            return new Intrinsic(intrinsic.tag(), normalise(intrinsic.value()));
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(normalise(item)));
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                Map.Entry<?, ?> only = map.entrySet().iterator().next();
                if (only.getKey() instanceof String key && (key.equals("Ref") || key.startsWith("Fn::"))) {
                    return new Intrinsic(key, normalise(only.getValue()));
                }
            }
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), normalise(v)));
            return Collections.unmodifiableMap(copy);
        }
        return value;
    }

    private static final class CloudFormationConstructor extends SafeConstructor {

        CloudFormationConstructor(LoaderOptions options) {
            super(options);
            for (String tag : SHORT_TAGS) {
                String name = tag.equals("Ref") || tag.equals("Condition") ? tag : "Fn::" + tag;
                yamlConstructors.put(new Tag("!" + tag), new IntrinsicConstruct(name));
            }
        }

        private final class IntrinsicConstruct extends AbstractConstruct {
            private final String name;

            IntrinsicConstruct(String name) {
                this.name = name;
            }

            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode scalar) {
                    value = constructScalar(scalar);
                } else if (node instanceof SequenceNode sequence) {
                    value = constructSequence(sequence);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                return new Intrinsic(name, value);
            }
        }
    }
}
