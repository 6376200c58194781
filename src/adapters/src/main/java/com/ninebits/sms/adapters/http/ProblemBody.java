package com.ninebits.sms.adapters.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.ninebits.sms.domain.error.FieldError;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** RFC 9457 problem details, with the gateway's stable {@code code} and every bad field: a {@code Problem} as JSON. */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProblemBody(String type, String title, int status, String detail, String code, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
