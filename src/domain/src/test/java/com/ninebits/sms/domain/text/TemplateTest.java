package com.ninebits.sms.domain.text;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TemplateTest {

    @Test
    void replacesEveryPlaceholderOfAGivenName() {
        assertEquals("Hi Ada, Ada!", Template.render("Hi ${name}, ${name}!", Map.of("name", "Ada")));
        assertEquals("Ada owes 5", Template.render("${name} owes ${amount}", Map.of("name", "Ada", "amount", "5")));
    }

    @Test
    void aPlaceholderWithNoParameterOfThatNameIsLiteralText() {
        assertEquals("Hi Ada, ${code} is ${", Template.render("Hi ${name}, ${code} is ${", Map.of("name", "Ada")));
        assertEquals("${}", Template.render("${}", Map.of("name", "Ada")));
        assertEquals("$name {name}", Template.render("$name {name}", Map.of("name", "Ada")));
    }

    @Test
    void aPlaceholderMayStartInsideLiteralText() {
        assertEquals("${Ada}", Template.render("${${name}}", Map.of("name", "Ada")));
    }

    @Test
    void valuesAreNeverReadForPlaceholdersAgain() {
        assertEquals("Hi ${code}", Template.render("Hi ${name}", Map.of("name", "${code}", "code", "secret")));
    }

    @Test
    void withoutValuesTheBodyIsSentAsWritten() {
        assertEquals("Hi ${name}", Template.render("Hi ${name}", Map.of()));
    }

    @Test
    void placeholdersAreOnlyTheGivenNamesTheBodyUses() {
        assertEquals(Set.of("name"), Template.placeholders("Hi ${name} ${other} ${", Set.of("name", "unused")));
        assertEquals(Set.of(), Template.placeholders("Hi there", Set.of("name")));
    }

    @Test
    void namesAreOneToSixteenOfLettersDigitsAndUnderscoreDotHyphen() {
        assertTrue(Template.isValidName("a"));
        assertTrue(Template.isValidName("first_name.v-2"));
        assertTrue(Template.isValidName("x".repeat(16)));
        assertFalse(Template.isValidName(""));
        assertFalse(Template.isValidName("x".repeat(17)));
        assertFalse(Template.isValidName("first name"));
        assertFalse(Template.isValidName("näme"));
        assertFalse(Template.isValidName("a}"));
        assertFalse(Template.isValidName(null));
    }
}
