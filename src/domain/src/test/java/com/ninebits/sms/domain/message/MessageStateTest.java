package com.ninebits.sms.domain.message;

import com.ninebits.sms.domain.message.MessageState.Status;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The message state machine: forward only, queued &lt; dispatched &lt; unknown &lt; final, nothing out of a final status. */
class MessageStateTest {

    private static final Set<Status> FINAL = EnumSet.of(Status.DELIVERED, Status.FAILED, Status.REJECTED, Status.EXPIRED,
            Status.CANCELLED);
    /** The order, written out once more by hand: every pair is checked against it. */
    private static final List<Status> ORDER = List.of(Status.QUEUED, Status.DISPATCHED, Status.UNKNOWN);

    @Test
    void lateReportNeverLeavesFinalStatus() {
        for (Status done : FINAL) {
            for (Status late : Status.values()) {
                assertFalse(done.mayMoveTo(late), done + " → " + late);
                assertFalse(Transition.forwardTo(late).allows(done), done + " → " + late);
            }
        }
    }

    @Test
    void everyPairMovesOnlyForward() {
        for (Status from : Status.values()) {
            for (Status to : Status.values()) {
                boolean expected = !FINAL.contains(from) && (FINAL.contains(to) || ORDER.indexOf(to) > ORDER.indexOf(from));
                assertEquals(expected, from.mayMoveTo(to), from + " → " + to);
            }
        }
    }

    @Test
    void noStatusMovesToItself() {
        for (Status s : Status.values()) {
            assertFalse(s.mayMoveTo(s), s.toString());
        }
    }

    @Test
    void theFinalStatusesAreTheOnesTheApiNames() {
        assertEquals(FINAL, EnumSet.copyOf(List.of(Status.values()).stream().filter(Status::isFinal).toList()));
    }

    @Test
    void aMessageReachesEachStatusOnlyFromTheOnesBehindIt() {
        assertEquals(Set.of(), Status.QUEUED.reachableFrom());
        assertEquals(Set.of(Status.QUEUED), Status.DISPATCHED.reachableFrom());
        assertEquals(Set.of(Status.QUEUED, Status.DISPATCHED), Status.UNKNOWN.reachableFrom());
        for (Status done : FINAL) {
            assertEquals(Set.of(Status.QUEUED, Status.DISPATCHED, Status.UNKNOWN), done.reachableFrom(), done.toString());
        }
    }

    @Test
    void aDeliveryReportOfQueuedMovesNothing() {
        assertFalse(Transition.forwardTo(Status.QUEUED).possible());
        assertTrue(Transition.forwardTo(Status.DISPATCHED).possible());
    }

    @Test
    void aClaimedAttemptsAnswerMovesOnlyAMessageStillQueued() {
        assertEquals(Set.of(Status.QUEUED), Transition.ofClaimedAttempt(Status.DISPATCHED).from());
        assertEquals(Set.of(Status.QUEUED), Transition.ofClaimedAttempt(Status.UNKNOWN).from());
        // A report said the SMSC took it: "no answer" knows less than that.
        assertFalse(Transition.ofClaimedAttempt(Status.UNKNOWN).allows(Status.DISPATCHED));
        assertTrue(Transition.forwardTo(Status.UNKNOWN).allows(Status.DISPATCHED));
    }

    @Test
    void aFinalMoveIsMadeFromAnyStatusNotYetFinal() {
        for (Status done : FINAL) {
            Transition t = Transition.forwardTo(done);
            for (Status s : Status.values()) {
                assertEquals(!s.isFinal(), t.allows(s), s + " → " + done);
            }
        }
    }
}
