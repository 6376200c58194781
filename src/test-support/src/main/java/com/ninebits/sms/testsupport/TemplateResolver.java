package com.ninebits.sms.testsupport;

import static com.ninebits.sms.testsupport.Template.asMap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.ninebits.sms.testsupport.Template.Intrinsic;

/**
 * Evaluates template values the way CloudFormation would, as far as they are known locally:
 * {@code Ref}, {@code Fn::GetAtt}, {@code Fn::Sub}, {@code Fn::Join}, {@code Fn::Select},
 * {@code Fn::If} and the condition functions. Anything else resolves to empty.
 */
final class TemplateResolver {

    /** A resource attribute as the stack has it; {@code attribute} null means what {@code !Ref} gives. */
    @FunctionalInterface
    interface Attributes {
        Optional<String> get(String logicalId, String attribute);
    }

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
    private static final String NO_VALUE = "AWS::NoValue";

    private final Template template;
    private final Attributes attributes;

    TemplateResolver(Template template, Attributes attributes) {
        this.template = template;
        this.attributes = attributes;
    }

    Optional<String> resolve(Object value) {
        if (value instanceof String s) {
            return s.contains("{{resolve:") ? Optional.empty() : Optional.of(s);
        }
        if (value instanceof Number || value instanceof Boolean) {
            return Optional.of(String.valueOf(value));
        }
        if (!(value instanceof Intrinsic intrinsic)) {
            return Optional.empty();
        }
        Object arg = intrinsic.value();
        return switch (intrinsic.tag()) {
            case "Ref" -> ref(String.valueOf(arg));
            case "Fn::GetAtt" -> getAtt(arg);
            case "Fn::Sub" -> sub(arg);
            case "Fn::Join" -> join(arg);
            case "Fn::Select" -> select(arg);
            case "Fn::If" -> ifThen(arg);
            default -> Optional.empty();
        };
    }

    private Optional<String> ref(String name) {
        switch (name) {
            case "AWS::Region":
                return Optional.of(LocalAws.REGION);
            case "AWS::AccountId":
                return Optional.of(LocalAws.ACCOUNT_ID);
            case "AWS::Partition":
                return Optional.of("aws");
            case "AWS::URLSuffix":
                return Optional.of("amazonaws.com");
            default:
                break;
        }
        Map<String, Object> parameter = asMap(template.parameters().get(name));
        if (!parameter.isEmpty()) {
            return resolve(parameter.get("Default"));
        }
        return attributes.get(name, null);
    }

    private Optional<String> getAtt(Object arg) {
        String logicalId;
        String attribute;
        if (arg instanceof List<?> list && list.size() == 2) {
            logicalId = String.valueOf(list.get(0));
            attribute = String.valueOf(list.get(1));
        } else if (arg instanceof String s && s.indexOf('.') > 0) {
            logicalId = s.substring(0, s.indexOf('.'));
            attribute = s.substring(s.indexOf('.') + 1);
        } else {
            return Optional.empty();
        }
        return attributes.get(logicalId, attribute);
    }

    private Optional<String> sub(Object arg) {
        String text;
        Map<String, Object> variables;
        if (arg instanceof String s) {
            text = s;
            variables = Map.of();
        } else if (arg instanceof List<?> list && list.size() == 2 && list.get(0) instanceof String s) {
            text = s;
            variables = asMap(list.get(1));
        } else {
            return Optional.empty();
        }
        Matcher matcher = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1).trim();
            Optional<String> replacement;
            if (name.startsWith("!")) {
                replacement = Optional.of("${" + name.substring(1) + "}");
            } else if (variables.containsKey(name)) {
                replacement = resolve(variables.get(name));
            } else if (name.indexOf('.') > 0) {
                replacement = getAtt(name);
            } else {
                replacement = ref(name);
            }
            if (replacement.isEmpty()) {
                return Optional.empty();
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement.get()));
        }
        matcher.appendTail(out);
        return resolve(out.toString());
    }

    private Optional<String> join(Object arg) {
        if (!(arg instanceof List<?> list) || list.size() != 2 || !(list.get(1) instanceof List<?> items)) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        for (Object item : items) {
            Optional<String> part = resolve(item);
            if (part.isEmpty()) {
                return Optional.empty();
            }
            parts.add(part.get());
        }
        return Optional.of(String.join(String.valueOf(list.get(0)), parts));
    }

    private Optional<String> select(Object arg) {
        if (!(arg instanceof List<?> list) || list.size() != 2 || !(list.get(1) instanceof List<?> items)) {
            return Optional.empty();
        }
        return resolve(list.get(0)).map(Integer::parseInt)
                .filter(index -> index >= 0 && index < items.size())
                .flatMap(index -> resolve(items.get(index)));
    }

    private Optional<String> ifThen(Object arg) {
        if (!(arg instanceof List<?> list) || list.size() != 3) {
            return Optional.empty();
        }
        return condition(list.get(0)).flatMap(holds -> {
            Object chosen = list.get(holds ? 1 : 2);
            boolean noValue = chosen instanceof Intrinsic i && i.tag().equals("Ref") && NO_VALUE.equals(i.value());
            return noValue ? Optional.empty() : resolve(chosen);
        });
    }

    /** A condition by name (as in {@code Fn::If}) or as an expression; empty if not decidable locally. */
    Optional<Boolean> condition(Object expression) {
        if (expression instanceof String name) {
            Object definition = template.conditions().get(name);
            return definition == null ? Optional.empty() : condition(definition);
        }
        if (!(expression instanceof Intrinsic intrinsic)) {
            return Optional.empty();
        }
        List<?> args = intrinsic.value() instanceof List<?> list ? list : List.of();
        switch (intrinsic.tag()) {
            case "Condition":
                return condition(String.valueOf(intrinsic.value()));
            case "Fn::Equals": {
                if (args.size() != 2) {
                    return Optional.empty();
                }
                Optional<String> left = resolve(args.get(0));
                Optional<String> right = resolve(args.get(1));
                return left.isPresent() && right.isPresent()
                        ? Optional.of(left.get().equals(right.get()))
                        : Optional.empty();
            }
            case "Fn::Not":
                return args.size() == 1 ? condition(args.get(0)).map(holds -> !holds) : Optional.empty();
            case "Fn::And":
            case "Fn::Or": {
                boolean and = intrinsic.tag().equals("Fn::And");
                boolean result = and;
                for (Object arg : args) {
                    Optional<Boolean> holds = condition(arg);
                    if (holds.isEmpty()) {
                        return Optional.empty();
                    }
                    result = and ? result && holds.get() : result || holds.get();
                }
                return Optional.of(result);
            }
            default:
                return Optional.empty();
        }
    }
}
