package com.ninebits.sms.domain.batch;

import com.ninebits.sms.domain.batch.AcceptanceRig.Req;
import com.ninebits.sms.domain.error.DomainException;
import com.ninebits.sms.domain.text.Segmenter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Over many bodies, recipient sets and parameters: the dry run's cost is what the same request is
 * charged, which is the sum of every recipient's own parts, and every recipient's text is the one
 * an independent rendering of the request gives. A request the dry run refuses, the send refuses
 * alike.
 */
class BatchPricingPropertyTest {

    private static final String[] PIECES = {"Hello ", "a", "Z9 ", "{x}", "€", "[", "~", "\f", "é", "ü", "Ω", "ж",
            "中", "😀", "  ", "long text of many words ", "$", "${", "}"};
    private static final String[] NAMES = {"name", "code", "due.date"};
    private static final String GROUP = "grp_team";
    private static final List<String> MEMBERS = List.of("2348030000001", "2348030000002", "2348030000003");

    private final Random random = new Random(20260101);

    @Test
    void dryRunCostIsTheChargeAndTheSumOfEachRecipientsParts() {
        int accepted = 0;
        for (int round = 0; round < 400; round++) {
            AcceptanceRig rig = new AcceptanceRig(1_000_000, 6);
            rig.group(AcceptanceRig.ACCOUNT, GROUP, MEMBERS.toArray(String[]::new));
            Case c = randomCase();
            Req request = AcceptanceRig.request().reference("ref-" + round).to(c.to).body(c.body).parameters(c.parameters);
            SendPreview.Preview preview;
            try {
                preview = rig.preview().preview(AcceptanceRig.ACCOUNT, request.build(), true);
            } catch (DomainException.Invalid refused) {
                DomainException.Invalid alike = assertThrows(DomainException.Invalid.class, () -> rig.submit(request), c.toString());
                assertEquals(refused.errors(), alike.errors(), c.toString());
                rig.assertNothingStored("ref-" + round);
                continue;
            }
            assertEquals(1_000_000, rig.balance(), "a dry run charges nothing");
            rig.assertNothingStored("ref-" + round);
            Batch batch = rig.submit(request).batch();
            accepted++;
            assertEquals(preview.plan().cost(), 1_000_000 - rig.balance(), "charged = dry-run cost: " + c);
            assertEquals(preview.plan().batch().recipients(), batch.recipients());
            long sum = 0;
            for (int i = 0; i < batch.recipients().size(); i++) {
                String expected = c.expectedText(batch.recipients().get(i));
                assertEquals(expected, batch.textFor(i), c.toString());
                assertEquals(Segmenter.partCount(expected), batch.partsOf(i));
                BatchPlan.RecipientPrice listed = preview.perRecipient().get(i);
                assertEquals(expected, listed.body());
                assertEquals(batch.partsOf(i), listed.parts());
                assertEquals(Segmenter.segment(expected).encoding(), listed.encoding());
                sum += listed.cost();
            }
            assertEquals(batch.cost(), sum, "cost = Σ per-recipient parts: " + c);
            rig.assertWhole();
        }
        assertEquals(true, accepted > 200, "most random requests are sendable: " + accepted);
    }

    /** A request and what each recipient should be sent, worked out without the code under test. */
    private record Case(List<String> to, String body, Map<String, Map<String, String>> parameters,
                        Map<String, Map<String, String>> valueOf) {

        String expectedText(String number) {
            String text = body;
            if (parameters == null) {
                return text;
            }
            for (String name : parameters.keySet()) {
                String value = valueOf.get(name).get(number);
                if (value != null) {
                    text = text.replace("${" + name + "}", value);
                }
            }
            return text;
        }
    }

    private Case randomCase() {
        List<String> numbers = new ArrayList<>();
        for (int i = random.nextInt(6); i >= 0; i--) {
            numbers.add("23480200000" + (10 + random.nextInt(20)));
        }
        List<String> to = new ArrayList<>();
        numbers.forEach(n -> to.add(spelling(n)));
        if (random.nextBoolean()) {
            to.add(random.nextInt(to.size() + 1), GROUP);
        }
        if (random.nextInt(5) == 0) {
            to.add("12");
        }
        Set<String> recipients = new LinkedHashSet<>(numbers);
        if (to.contains(GROUP)) {
            recipients.addAll(MEMBERS);
        }
        String body = randomText(1 + random.nextInt(12));
        if (random.nextInt(4) == 0) {
            return new Case(to, body, null, Map.of());
        }
        Map<String, Map<String, String>> parameters = new LinkedHashMap<>();
        Map<String, Map<String, String>> valueOf = new LinkedHashMap<>();
        for (String name : NAMES) {
            if (random.nextBoolean()) {
                continue;
            }
            body = random.nextBoolean() ? body + "${" + name + "}" : "${" + name + "} " + body;
            Map<String, String> values = new LinkedHashMap<>();
            Map<String, String> expected = new LinkedHashMap<>();
            String fallback = random.nextInt(3) == 0 ? null : randomValue();
            String groupValue = to.contains(GROUP) && random.nextBoolean() ? randomValue() : null;
            for (String number : numbers) {
                if (random.nextBoolean() && !values.containsKey(spelling(number))) {
                    String value = randomValue();
                    values.putIfAbsent(spelling(number), value);
                    expected.putIfAbsent(number, value);
                }
            }
            if (groupValue != null) {
                values.put(GROUP, groupValue);
            }
            if (fallback != null) {
                values.put("default", fallback);
            }
            for (String number : recipients) {
                // The recipient's own value, else its group's (only if it came in through the group), else the default.
                boolean viaGroup = MEMBERS.contains(number) && !numbers.contains(number);
                expected.putIfAbsent(number, viaGroup && groupValue != null ? groupValue : fallback);
            }
            expected.values().removeIf(java.util.Objects::isNull);
            parameters.put(name, values);
            valueOf.put(name, expected);
        }
        return new Case(to, body, parameters.isEmpty() ? null : parameters, valueOf);
    }

    private String spelling(String e164) {
        return switch (random.nextInt(4)) {
            case 0 -> "+" + e164;
            case 1 -> "00" + e164;
            case 2 -> "0" + e164.substring(3);
            default -> e164;
        };
    }

    private String randomText(int pieces) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            b.append(PIECES[random.nextInt(PIECES.length)].repeat(1 + random.nextInt(random.nextInt(8) == 0 ? 60 : 3)));
        }
        return b.toString();
    }

    private String randomValue() {
        String v = randomText(1 + random.nextInt(3)).replace("$", "");
        return v.length() > 160 ? v.substring(0, 160) : v;
    }
}
