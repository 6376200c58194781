package com.ninebits.sms.domain.error;

import java.util.ArrayList;
import java.util.List;

/** Collects every bad field of a request, so that one answer names them all. */
public final class Validation {

    private final List<FieldError> errors = new ArrayList<>();

    public Validation add(String field, String code, String message) {
        errors.add(new FieldError(field, code, message));
        return this;
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    public List<FieldError> errors() {
        return List.copyOf(errors);
    }

    /** Throws {@link DomainException.Invalid} naming every field collected so far, if any. */
    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            String detail = errors.size() == 1
                    ? errors.get(0).message()
                    : errors.size() + " fields are invalid";
            throw new DomainException.Invalid(detail, errors);
        }
    }
}
