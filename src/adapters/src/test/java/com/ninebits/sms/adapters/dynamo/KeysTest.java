package com.ninebits.sms.adapters.dynamo;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The key formats are the stored data's: items already written must still be found, so a change
 * here is a data migration, never a refactoring. Each format is the one infra/template.yaml names.
 */
class KeysTest {

    private static final Instant AT = Instant.parse("2026-03-01T10:15:30.250Z");

    @Test
    void accountsTableKeysAreTheTemplates() {
        assertEquals(new Keys.Key("ACC#acc_1", "PROFILE"), Keys.profile("acc_1"));
        assertEquals(new Keys.Key("ACC#acc_1", "SENDER#myCode"), Keys.senderId("acc_1", "myCode"));
        assertEquals(new Keys.Key("ACC#acc_1", "GROUP#grp_1"), Keys.group("acc_1", "grp_1"));
        assertEquals(new Keys.Key("GROUP#grp_1", "MEMBER#2348020000000"), Keys.member("grp_1", "2348020000000"));
        assertEquals(new Keys.Key("TOKEN#tok1", "TOKEN"), Keys.token("tok1"));
        assertEquals(new Keys.Key("RATE#acc_1", "RATE"), Keys.rateWindow("acc_1"));
        assertEquals(new Keys.Key("ACC#acc_1", "CBFAIL#evt_1"), Keys.failedCallback("acc_1", "evt_1"));
        assertEquals(new Keys.Key("PUSER#ada@example.com", "USER"), Keys.portalUser("ada@example.com"));
        assertEquals(new Keys.Key("PSESSION#ab12", "SESSION"), Keys.portalSession("ab12"));
        assertEquals(new Keys.Key("PLINK#lnk1", "LINK"), Keys.firstPasswordLink("lnk1"));
    }

    @Test
    void batchesTableKeysAreTheTemplates() {
        assertEquals(new Keys.Key("ACC#acc_1", "BATCH#ref-1"), Keys.batch("acc_1", "ref-1"));
        assertEquals(new Keys.Key("SCHED#2026-03-01T10:15:00Z", "acc_1#ref-1"), Keys.scheduled(AT, "acc_1", "ref-1"));
        assertEquals(new Keys.Key("SCHED", "RELEASED"), Keys.releasedThrough());
        assertTrue(Keys.pendingShard("ref-1").matches("P[0-3]"), Keys.pendingShard("ref-1"));
    }

    @Test
    void messagesTableKeysAreTheTemplates() {
        assertEquals(new Keys.Key("MSG#acc_1#ref-1", "000042"), Keys.message("acc_1", "ref-1", 42));
        assertEquals(42, Keys.indexOf(Keys.message("acc_1", "ref-1", 42).attributes()));
        assertEquals("UNMATCHED#2026-03-01", Keys.unmatchedReport(AT).pk());
        assertTrue(Keys.unmatchedReport(AT).sk().startsWith("2026-03-01T10:15:30.250Z#"));
        assertEquals("CBOUTBOX", Keys.outboxTask(AT).pk());
        assertTrue(Keys.outboxTask(AT).sk().startsWith("2026-03-01T10:15:30.250Z#"));
    }

    @Test
    void twoReportsAtTheSameInstantAreFiledApart() {
        assertNotEquals(Keys.unmatchedReport(AT), Keys.unmatchedReport(AT));
    }

    @Test
    void aKeyIsThePkAndSkAttributes() {
        Map<String, ?> attributes = Keys.profile("acc_1").attributes();
        assertEquals(2, attributes.size());
        assertEquals("ACC#acc_1", Keys.profile("acc_1").attributes().get("pk").s());
        assertEquals("PROFILE", Keys.profile("acc_1").attributes().get("sk").s());
        assertEquals("2348020000000", Keys.memberNumber(Keys.member("grp_1", "2348020000000").attributes()));
    }
}
