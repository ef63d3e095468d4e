package dev.hardnetzoo.core.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ThreadPoolParallelTest {

    @Test
    void runsEveryTaskExactlyOnceOnNamedDaemonThreads() {
        try (ThreadPoolParallel par = new ThreadPoolParallel(3)) {
            AtomicIntegerArray seen = new AtomicIntegerArray(1000);
            Set<Thread> threads = ConcurrentHashMap.newKeySet();
            par.forEach(1000, i -> {
                seen.incrementAndGet(i);
                threads.add(Thread.currentThread());
            });
            for (int i = 0; i < 1000; i++) assertThat(seen.get(i)).isEqualTo(1);
            assertThat(par.threads()).isEqualTo(3);
            threads.stream().filter(t -> t != Thread.currentThread()).forEach(t -> {
                assertThat(t.isDaemon()).isTrue();
                assertThat(t.getName()).startsWith("hardnet-cpu-");
            });
        }
    }

    @Test
    void runsOfClaimedTasksCoverEveryCountExactlyOnce() {
        try (ThreadPoolParallel par = new ThreadPoolParallel(2)) {
            for (int tasks : new int[] {2, 15, 16, 17, 97, 1001}) {
                AtomicIntegerArray seen = new AtomicIntegerArray(tasks);
                par.forEach(tasks, seen::incrementAndGet);
                for (int i = 0; i < tasks; i++) assertThat(seen.get(i)).as("task %d of %d", i, tasks).isEqualTo(1);
            }
        }
    }

    @Test
    void theCallerStartsOnTheFirstHalfAndAnIdleThreadTakesWhatIsLeftOfTheOther() {
        Thread caller = Thread.currentThread();
        try (ThreadPoolParallel par = new ThreadPoolParallel(2)) {
            Thread[] ranOn = new Thread[16];
            // Every task takes a while, the first half longer: the caller starts on the first half well
            // before the helper could be done with the second (160 ms), and the helper then takes what
            // the caller has not reached yet.
            par.forEach(16, i -> {
                ranOn[i] = Thread.currentThread();
                sleep(i < 8 ? 50 : 20);
            });
            assertThat(ranOn[0]).isSameAs(caller);
            assertThat(java.util.Arrays.asList(ranOn).subList(1, 8)).anyMatch(t -> t != caller);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void singleThreadAndSingleTaskRunInline() {
        Thread caller = Thread.currentThread();
        try (ThreadPoolParallel one = new ThreadPoolParallel(1); ThreadPoolParallel three = new ThreadPoolParallel(3)) {
            one.forEach(5, i -> assertThat(Thread.currentThread()).isSameAs(caller));
            three.forEach(1, i -> assertThat(Thread.currentThread()).isSameAs(caller));
        }
    }

    @Test
    void propagatesATaskFailure() {
        try (ThreadPoolParallel par = new ThreadPoolParallel(2)) {
            assertThatThrownBy(() -> par.forEach(50, i -> {
                if (i == 17) throw new IllegalStateException("task 17");
            })).isInstanceOf(IllegalStateException.class).hasMessage("task 17");
            par.forEach(4, i -> { }); // still usable afterwards
        }
    }

    @Test
    void nestedCallsFromPoolThreadsComplete() {
        try (ThreadPoolParallel par = new ThreadPoolParallel(2)) {
            AtomicIntegerArray seen = new AtomicIntegerArray(64);
            par.forEach(8, i -> par.forEach(8, j -> seen.incrementAndGet(i * 8 + j)));
            for (int i = 0; i < 64; i++) assertThat(seen.get(i)).isEqualTo(1);
        }
    }
}
