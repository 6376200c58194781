package com.ninebits.sms.adapters.smsc;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The simulator's delivery reports, each sent once it is due by a bounded pool of senders. Every
 * account has a queue of its own and the accounts take turns, and no account occupies more than
 * {@code perAccount} senders, so a backlog of one account (ten thousand reports, or a webhook slow
 * to answer them) never holds back another account's reports: they wait for a free sender, not
 * for the backlog.
 */
final class FairReports implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(FairReports.class.getName());

    private record Report(long dueNanos, Runnable send) {
    }

    private final int perAccount;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<String, ArrayDeque<Report>> queues = new HashMap<>();
    /** Accounts with reports waiting, in the order they are served. */
    private final ArrayDeque<String> turns = new ArrayDeque<>();
    private final Map<String, Integer> sending = new HashMap<>();
    private final List<Thread> senders = new ArrayList<>();
    private volatile boolean closed;

    FairReports(String name, int senders, int perAccount) {
        if (senders < 1 || perAccount < 1) {
            throw new IllegalArgumentException("senders and perAccount must be at least 1");
        }
        this.perAccount = perAccount;
        for (int i = 1; i <= senders; i++) {
            Thread t = new Thread(this::serve, name + "-" + i);
            t.setDaemon(true);
            this.senders.add(t);
            t.start();
        }
    }

    /** Has {@code send} run once {@code delay} has passed, on a sender, in turn with the other accounts' reports. */
    void add(String accountId, Duration delay, Runnable send) {
        Report report = new Report(System.nanoTime() + delay.toNanos(), send);
        String key = accountId == null ? "" : accountId;
        lock.lock();
        try {
            queues.computeIfAbsent(key, a -> {
                turns.addLast(a);
                return new ArrayDeque<>();
            }).addLast(report);
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    private void serve() {
        while (!closed) {
            String account;
            Report report;
            lock.lock();
            try {
                account = awaitTurn();
                report = queues.get(account).pollFirst();
                if (queues.get(account).isEmpty()) {
                    queues.remove(account);
                } else {
                    turns.addLast(account);
                }
                sending.merge(account, 1, Integer::sum);
                // More may be due: wake another sender rather than leave it parked until its own timeout.
                changed.signal();
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            try {
                report.send().run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a simulated delivery report failed", e);
            } finally {
                lock.lock();
                try {
                    sending.merge(account, -1, (a, b) -> a + b == 0 ? null : a + b);
                    changed.signal();
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    /**
     * Waits for the first account in turn whose oldest report is due and which has a sender to
     * spare, and takes it off the turns (the caller puts it back at the end if it has more).
     */
    private String awaitTurn() throws InterruptedException {
        while (!closed) {
            long now = System.nanoTime();
            long wait = Long.MAX_VALUE;
            for (Iterator<String> it = turns.iterator(); it.hasNext(); ) {
                String account = it.next();
                if (sending.getOrDefault(account, 0) >= perAccount) {
                    continue;
                }
                long due = queues.get(account).peekFirst().dueNanos();
                if (due - now <= 0) {
                    it.remove();
                    return account;
                }
                wait = Math.min(wait, due - now);
            }
            if (wait == Long.MAX_VALUE) {
                changed.await();
            } else {
                changed.awaitNanos(wait);
            }
        }
        throw new InterruptedException("closed");
    }

    @Override
    public void close() {
        closed = true;
        senders.forEach(Thread::interrupt);
    }
}
