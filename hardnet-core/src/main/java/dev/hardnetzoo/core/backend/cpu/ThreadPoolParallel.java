package dev.hardnetzoo.core.backend.cpu;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * A {@link Parallel} over one persistent pool of daemon threads. The calling thread takes part:
 * tasks are claimed from a shared counter and the caller waits for tasks, not for helpers, so a
 * nested call from a pool thread cannot deadlock and a late helper simply finds nothing to do.
 */
public final class ThreadPoolParallel implements Parallel, AutoCloseable {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final int threads;
    private final ExecutorService pool; // null when single-threaded

    public ThreadPoolParallel(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        this.threads = threads;
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, daemonFactory());
    }

    /** One thread per available processor. */
    public static ThreadPoolParallel ofAvailableProcessors() {
        return new ThreadPoolParallel(Runtime.getRuntime().availableProcessors());
    }

    @Override public int threads() { return threads; }

    @Override
    public void forEach(int tasks, IntConsumer body) {
        if (tasks <= 0) return;
        if (pool == null || tasks == 1) {
            for (int i = 0; i < tasks; i++) body.accept(i);
            return;
        }
        Job job = new Job(tasks, body);
        int helpers = Math.min(threads, tasks) - 1;
        for (int h = 0; h < helpers; h++) pool.execute(job::drain);
        job.drain();
        job.await();
    }

    @Override
    public void close() {
        if (pool != null) pool.shutdown();
    }

    private static ThreadFactory daemonFactory() {
        int poolId = POOLS.incrementAndGet();
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "hardnet-cpu-" + poolId + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** One forEach call: a task counter shared by the caller and helpers, and the first failure. */
    private static final class Job {
        private final int tasks;
        private final IntConsumer body;
        private final AtomicInteger next = new AtomicInteger();
        private final CountDownLatch done;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Job(int tasks, IntConsumer body) {
            this.tasks = tasks;
            this.body = body;
            this.done = new CountDownLatch(tasks);
        }

        void drain() {
            for (int i; (i = next.getAndIncrement()) < tasks; ) {
                try {
                    if (failure.get() == null) body.accept(i); // after a failure the rest are skipped
                } catch (Throwable t) {
                    if (!failure.compareAndSet(null, t)) failure.get().addSuppressed(t);
                } finally {
                    done.countDown();
                }
            }
        }

        void await() {
            boolean interrupted = false;
            while (true) {
                try {
                    done.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the tasks use the arena: never return while they run
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
            Throwable t = failure.get();
            if (t instanceof RuntimeException re) throw re;
            if (t instanceof Error err) throw err;
            if (t != null) throw new RuntimeException(t);
        }
    }
}
