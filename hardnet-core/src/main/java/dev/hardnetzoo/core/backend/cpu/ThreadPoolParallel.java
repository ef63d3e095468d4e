package dev.hardnetzoo.core.backend.cpu;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * A {@link Parallel} over persistent daemon threads. The calling thread takes part: each
 * participant claims runs of tasks from its own contiguous part first, then from the others', and
 * the caller waits for tasks, not for helpers, so a nested call from a pool thread cannot deadlock
 * and a late helper simply finds nothing to do.
 * <p>
 * A forward pass makes a few hundred calls of well under a millisecond each, so hand-off latency
 * matters: idle helpers spin for {@link #SPIN_NANOS} before parking, and the caller spins as long
 * for the last task, instead of the tens of microseconds an executor's park and unpark cost per call.
 */
public final class ThreadPoolParallel implements Parallel, AutoCloseable {
    /**
     * How long an idle thread spins before it parks: longer than the gap between two layers' calls,
     * and than a step's wait for its last task, so a helper stays awake for the whole forward pass
     * (with 0.1 ms it parked 3.6-4.3 times per HarDNet-39DS pass and then started calls late). In
     * alternating in-process rounds (`ForwardAb`, 2-vCPU EPYC), 2 ms against 0.1 ms ran HarDNet-39DS
     * 0.985-1.000x and HarDNet-68 0.994x (helpers alone 0.988-0.991x and 1.001x, the caller alone
     * 0.996x and 0.988x); an idle pool burns at most 2 ms per thread after its last call.
     */
    static final long SPIN_NANOS = 2_000_000;
    /**
     * Claims each part is cut into: claiming tiny tasks (a BatchNorm or pooling call has one per
     * channel plane) one at a time from one shared counter made two threads slower than one, as
     * both cores fought over the counter's cache line.
     */
    private static final int CLAIMS_PER_THREAD = 8;
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final int threads;
    private final Helper[] helpers; // threads - 1 of them
    /** One entry per helper a call asks for; helpers drain the jobs they take. */
    private final ConcurrentLinkedQueue<Job> queue = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    public ThreadPoolParallel(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        this.threads = threads;
        this.helpers = new Helper[threads - 1];
        int poolId = POOLS.incrementAndGet();
        for (int i = 0; i < helpers.length; i++) {
            helpers[i] = new Helper("hardnet-cpu-" + poolId + "-" + (i + 1));
            helpers[i].start();
        }
    }

    /** One thread per available processor. */
    public static ThreadPoolParallel ofAvailableProcessors() {
        return new ThreadPoolParallel(Runtime.getRuntime().availableProcessors());
    }

    @Override public int threads() { return threads; }

    @Override
    public void forEach(int tasks, IntConsumer body) {
        if (tasks <= 0) return;
        if (helpers.length == 0 || tasks == 1) {
            for (int i = 0; i < tasks; i++) body.accept(i);
            return;
        }
        if (closed) throw new IllegalStateException("thread pool is closed");
        int wanted = Math.min(threads, tasks) - 1;
        Job job = new Job(tasks, wanted + 1, body);
        for (int h = 0; h < wanted; h++) queue.offer(job);
        for (Helper helper : helpers) {
            if (helper.parked) LockSupport.unpark(helper);
        }
        job.drain(0);
        job.await();
    }

    @Override
    public void close() {
        closed = true;
        for (Helper helper : helpers) LockSupport.unpark(helper);
    }

    /** A pool thread: takes jobs from the queue, spinning a while when there are none, then parking. */
    private final class Helper extends Thread {
        /** Set before the last look at the queue and parking, so a poster either is seen or unparks us. */
        volatile boolean parked;

        Helper(String name) {
            super(name);
            setDaemon(true);
        }

        @Override
        public void run() {
            long idleSince = System.nanoTime();
            while (!closed) {
                Job job = queue.poll();
                if (job != null) {
                    job.drain(job.join());
                    idleSince = System.nanoTime();
                } else if (System.nanoTime() - idleSince < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    parked = true;
                    if (queue.isEmpty() && !closed) LockSupport.park(this);
                    parked = false;
                    idleSince = System.nanoTime();
                }
            }
        }
    }

    /**
     * One forEach call. Its tasks are cut into one contiguous part per participant (the caller's
     * first), each claimed from its own counter in runs; a participant done with its part takes runs
     * from the others'. Cutting the same way on every call sends the same region of consecutive
     * layers to the same thread, whose cache the previous layer's output is still in (a dense block
     * ran faster than with one shared counter), while taking from the others keeps the threads busy.
     */
    private static final class Job {
        /** Ints per cache line. */
        private static final int LINE = 16;
        private final int parts;
        private final int[] ends;
        /** Each part's next unclaimed task, a cache line apart: threads claiming their own parts do not share a line. */
        private final AtomicIntegerArray next;
        /** Tasks per claim: parts differ by one task at most, so one size serves them all. */
        private final int claim;
        private final IntConsumer body;
        private final AtomicInteger joined = new AtomicInteger(1);
        private final AtomicInteger remaining;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final Thread caller = Thread.currentThread();

        Job(int tasks, int parts, IntConsumer body) {
            this.parts = parts;
            this.ends = new int[parts];
            this.next = new AtomicIntegerArray(parts * LINE);
            this.claim = Math.max(1, tasks / parts / CLAIMS_PER_THREAD);
            for (int p = 0; p < parts; p++) {
                next.set(p * LINE, (int) ((long) p * tasks / parts));
                ends[p] = (int) ((long) (p + 1) * tasks / parts);
            }
            this.body = body;
            this.remaining = new AtomicInteger(tasks);
        }

        /** The part a helper starts on: the next not yet taken, else (more helpers than parts) any. */
        int join() {
            return joined.getAndIncrement() % parts;
        }

        /** Runs the tasks of part {@code own}, then whatever is left of the others'. */
        void drain(int own) {
            for (int i = 0; i < parts; i++) {
                int p = (own + i) % parts;
                for (int first; (first = next.getAndAdd(p * LINE, claim)) < ends[p]; ) {
                    run(first, Math.min(ends[p], first + claim));
                }
            }
        }

        private void run(int first, int last) {
            try {
                for (int i = first; i < last && failure.get() == null; i++) body.accept(i); // after a failure the rest are skipped
            } catch (Throwable t) {
                if (!failure.compareAndSet(null, t)) failure.get().addSuppressed(t);
            } finally {
                if (remaining.addAndGet(first - last) == 0 && Thread.currentThread() != caller) LockSupport.unpark(caller);
            }
        }

        /** Returns when every task has finished (the tasks use the arena: never before), rethrowing the first failure. */
        void await() {
            long start = System.nanoTime();
            while (remaining.get() > 0) {
                if (System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.parkNanos(this, 50_000); // unparked by the last task; the timeout covers a stale permit
                }
            }
            Throwable t = failure.get();
            if (t instanceof RuntimeException re) throw re;
            if (t instanceof Error err) throw err;
            if (t != null) throw new RuntimeException(t);
        }
    }
}
