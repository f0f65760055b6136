// The closed loop of bench/common/closed_loop.cc in Java, with the same output fields: a fixed
// pool of `threads` workers, each issuing its next query as soon as the previous one returns, in
// its own seeded shuffle of the query list, until `seconds` pass.
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

final class ClosedLoop {
  interface Query {
    /** Runs query `q`; throws on error. Called from several threads at once. */
    void run(int q) throws Exception;
  }

  private ClosedLoop() {}

  /** Nearest-rank percentiles, as bench/common/measure.cc computes them. */
  static Map<String, Object> percentiles(long[] values) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (values.length == 0) return m;
    long[] v = values.clone();
    Arrays.sort(v);
    double[] ps = {0.5, 0.9, 0.99, 0.999};
    String[] names = {"p50", "p90", "p99", "p999"};
    for (int k = 0; k < ps.length; k++) {
      m.put(names[k], v[Math.min(v.length - 1, (int) (ps[k] * v.length))]);
    }
    return m;
  }

  /** Query order of worker `thread`: a permutation seeded by the thread number. */
  static int[] order(int n, int thread) {
    int[] o = new int[n];
    for (int k = 0; k < n; k++) o[k] = k;
    Random r = new Random(thread + 1);
    for (int k = n - 1; k > 0; k--) {
      int j = r.nextInt(k + 1);
      int t = o[k];
      o[k] = o[j];
      o[j] = t;
    }
    return o;
  }

  static Map<String, Object> run(List<String> classes, int threads, double seconds, Query query)
      throws Exception {
    final int n = classes.size();
    final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    final AtomicLong errors = new AtomicLong();
    final long start = System.nanoTime();
    final long until = start + (long) (seconds * 1e9);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<long[][]>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      final int thread = t;
      futures.add(pool.submit(() -> {
        int[] order = order(n, thread);
        long cpu0 = mx.getCurrentThreadCpuTime();
        long[] qs = new long[1024];
        long[] us = new long[1024];
        int count = 0;
        for (int k = 0; System.nanoTime() < until; k++) {
          int q = order[k % n];
          long t0 = System.nanoTime();
          try {
            query.run(q);
          } catch (Exception e) {
            errors.incrementAndGet();
          }
          if (count == qs.length) {
            qs = Arrays.copyOf(qs, count * 2);
            us = Arrays.copyOf(us, count * 2);
          }
          qs[count] = q;
          us[count++] = (System.nanoTime() - t0) / 1000;
        }
        long cpu = mx.getCurrentThreadCpuTime() - cpu0;
        return new long[][] {Arrays.copyOf(qs, count), Arrays.copyOf(us, count), {cpu}};
      }));
    }
    List<Long> all = new ArrayList<>();
    Map<String, List<Long>> byClass = new TreeMap<>();
    long cpuNanos = 0;
    for (Future<long[][]> f : futures) {
      long[][] r = f.get();
      for (int k = 0; k < r[0].length; k++) {
        all.add(r[1][k]);
        byClass.computeIfAbsent(classes.get((int) r[0][k]), c -> new ArrayList<>()).add(r[1][k]);
      }
      cpuNanos += r[2][0];
    }
    pool.shutdown();
    double took = (System.nanoTime() - start) / 1e9;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("threads", (long) threads);
    out.put("seconds", took);
    out.put("queries_run", (long) all.size());
    out.put("qps", all.size() / took);
    out.put("errors", errors.get());
    out.put("cpu_us_per_query", all.isEmpty() ? 0.0 : cpuNanos / 1e3 / all.size());
    out.put("latency_us", percentiles(toArray(all)));
    Map<String, Object> classesOut = new LinkedHashMap<>();
    for (Map.Entry<String, List<Long>> e : byClass.entrySet()) {
      Map<String, Object> c = percentiles(toArray(e.getValue()));
      c.put("qps", e.getValue().size() / took);
      classesOut.put(e.getKey(), c);
    }
    out.put("by_class", classesOut);
    return out;
  }

  private static long[] toArray(List<Long> list) {
    long[] a = new long[list.size()];
    for (int k = 0; k < a.length; k++) a[k] = list.get(k);
    return a;
  }
}
