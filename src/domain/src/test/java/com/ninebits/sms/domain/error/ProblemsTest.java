package com.ninebits.sms.domain.error;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProblemsTest {

    /** One of each kind of DomainException, with the problem every edge must tell of it. */
    static final Map<DomainException, Problem> TABLE = Map.of(
            DomainException.Invalid.of("to", "empty", "to must name at least one recipient"),
            new Problem(Problem.Kind.INVALID, "invalid_request", "Invalid request", "to must name at least one recipient",
                    List.of(new FieldError("to", "empty", "to must name at least one recipient")), null),
            new DomainException.Unauthorized("the bearer token is missing, unknown or revoked"),
            new Problem(Problem.Kind.UNAUTHORIZED, "unauthorized", "Unauthorized",
                    "the bearer token is missing, unknown or revoked", List.of(), null),
            new DomainException.InsufficientCredit(5, 2),
            new Problem(Problem.Kind.INSUFFICIENT_CREDIT, "insufficient_credit", "Not enough credit",
                    "the batch needs 5 credits; the balance is 2", List.of(), null),
            new DomainException.Forbidden("sender_not_registered", "myCode is not an approved sender ID"),
            new Problem(Problem.Kind.FORBIDDEN, "sender_not_registered", "Forbidden", "myCode is not an approved sender ID",
                    List.of(), null),
            new DomainException.NotFound("group"),
            new Problem(Problem.Kind.NOT_FOUND, "not_found", "Not found", "group not found", List.of(), null),
            new DomainException.Conflict("reference_conflict", "reference_id was used for another request"),
            new Problem(Problem.Kind.CONFLICT, "reference_conflict", "Conflict", "reference_id was used for another request",
                    List.of(), null),
            new DomainException.TooLarge("body is over 16 KB"),
            new Problem(Problem.Kind.TOO_LARGE, "payload_too_large", "Payload too large", "body is over 16 KB", List.of(), null),
            new DomainException.Unavailable("temporarily_unavailable", "the store is down", 3),
            new Problem(Problem.Kind.UNAVAILABLE, "temporarily_unavailable", "Service unavailable", "the store is down",
                    List.of(), Duration.ofSeconds(3)),
            new DomainException.TooManyRequests("the token's request rate is spent", 2),
            new Problem(Problem.Kind.TOO_MANY_REQUESTS, "too_many_requests", "Too many requests",
                    "the token's request rate is spent", List.of(), Duration.ofSeconds(2)));

    @Test
    void everyKindOfDomainExceptionIsInTheTable() {
        Set<Class<?>> covered = TABLE.keySet().stream().map(Object::getClass).collect(Collectors.toSet());

        assertEquals(Set.of(DomainException.class.getPermittedSubclasses()), covered);
    }

    @Test
    void eachDomainExceptionBecomesItsOneProblem() {
        TABLE.forEach((failure, problem) -> assertEquals(problem, Problems.of(failure), failure.getClass().getSimpleName()));
    }

    @Test
    void eachKindOfDomainExceptionHasAStatusOfItsOwnAndKeepsItsCodeAndDetail() {
        Set<Problem.Kind> kinds = new HashSet<>();
        for (DomainException failure : TABLE.keySet()) {
            Problem problem = Problems.of(failure);
            assertTrue(kinds.add(problem.kind()), "two kinds of failure share " + problem.kind());
            assertEquals(failure.code(), problem.code());
            assertEquals(failure.detail(), problem.detail());
        }
    }

    @Test
    void onlyAFailureARetryMayFixSaysWhenToRetry() {
        TABLE.keySet().stream().filter(f -> !(f instanceof DomainException.Unavailable) && !(f instanceof DomainException.TooManyRequests))
                .forEach(f -> assertNull(Problems.of(f).retryAfter(), f.getClass().getSimpleName()));
    }

    @Test
    void oneCodeHasOneTitleAndOneKindWhereverItIsBuilt() {
        List<Problem> all = List.of(Problems.of(new DomainException.NotFound("group")), Problems.noSuchResource(),
                Problems.of(new DomainException.TooLarge("big")), Problems.bodyTooLarge(),
                Problems.of(new DomainException.Unavailable("temporarily_unavailable", "down", 1)),
                Problems.backendUnavailable(), Problems.malformedJson(), Problems.malformedRequest("x", List.of()),
                Problems.unknownAccount(), Problems.methodNotAllowed(), Problems.unsupportedMediaType(),
                Problems.serverError(), Problems.refused("no"));

        Map<String, Set<String>> byCode = all.stream().collect(Collectors.groupingBy(Problem::code,
                Collectors.mapping(p -> p.kind() + "/" + p.title(), Collectors.toSet())));

        byCode.forEach((code, shapes) -> assertEquals(1, shapes.size(), code + " is told as " + shapes));
    }

    @Test
    void everyStatusIsAnHttpErrorStatusAndNoTwoKindsShareOne() {
        Set<Integer> statuses = new HashSet<>();
        for (Problem.Kind kind : Problem.Kind.values()) {
            assertTrue(kind.status() >= 400 && kind.status() < 600, kind + " " + kind.status());
            assertTrue(statuses.add(kind.status()), kind + " shares " + kind.status());
        }
        assertEquals(Problem.Kind.values().length, Arrays.stream(Problem.Kind.values()).map(Problem.Kind::title).distinct().count());
    }
}
