package com.ninebits.sms.domain.error;

/** One bad field of a request: where, a stable machine word, and a sentence for people. */
public record FieldError(String field, String code, String message) {
}
