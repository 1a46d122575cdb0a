package org.openstc.conformance;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.openstc.stc.StcException;

/**
 * Runs cases one after the other against one target. Every hostile case is followed by a sanity
 * check (a well-behaved conversation), which is part of the case's verdict. A case body that throws
 * is an UNEXPECTED outcome, never a pass.
 */
public final class Runner<T extends Target> {
  /** Far above any case's own timeouts: a case still running then means the runner is stuck. */
  static final Duration CASE_LIMIT = Duration.ofMinutes(10);

  private final T target;
  private final Consumer<CaseResult> listener;

  public Runner(T target, Consumer<CaseResult> listener) {
    this.target = target;
    this.listener = listener;
  }

  public Runner(T target) {
    this(target, r -> { });
  }

  /** Runs the cases that {@code filter} selects, in order. */
  public List<CaseResult> run(List<ConformanceCase<T>> cases, Predicate<ConformanceCase<?>> filter) {
    List<CaseResult> out = new ArrayList<>();
    for (ConformanceCase<T> c : cases) {
      if (filter.test(c)) {
        CaseResult r = runOne(c);
        listener.accept(r);
        out.add(r);
      }
    }
    return out;
  }

  /**
   * Runs the selected cases on {@code jobs} threads; results come back in case order. Only for
   * targets whose cases are independent of each other (the client target: each case has its own
   * scripted partition and shim process).
   */
  public List<CaseResult> runParallel(List<ConformanceCase<T>> cases,
      Predicate<ConformanceCase<?>> filter, int jobs) throws InterruptedException {
    if (jobs <= 1) {
      return run(cases, filter);
    }
    ExecutorService pool = Executors.newFixedThreadPool(jobs);
    try {
      List<Future<CaseResult>> futures = new ArrayList<>();
      for (ConformanceCase<T> c : cases) {
        if (filter.test(c)) {
          futures.add(pool.submit(() -> {
            CaseResult r = runOne(c);
            synchronized (listener) {
              listener.accept(r);
            }
            return r;
          }));
        }
      }
      List<CaseResult> out = new ArrayList<>();
      for (Future<CaseResult> f : futures) {
        try {
          out.add(f.get(CASE_LIMIT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
          throw new IllegalStateException("runner thread failed", e.getCause());
        } catch (TimeoutException e) {
          throw new IllegalStateException("a case ran longer than " + CASE_LIMIT.toMinutes()
              + " min; every case has its own timeouts, so the runner is stuck", e);
        }
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  public CaseResult runOne(ConformanceCase<T> c) {
    long start = System.nanoTime();
    Outcome observed = observe(c);
    String sanity = null;
    Verdict verdict;
    if (observed.kind() == Outcome.Kind.UNSUPPORTED) {
      verdict = Verdict.UNSUPPORTED;
    } else {
      if (c.hostile()) {
        sanity = target.sanityCheck();
      }
      verdict = c.expected().matches(observed) && sanity == null ? Verdict.PASS : Verdict.FAIL;
    }
    return new CaseResult(c, observed, sanity, verdict, (System.nanoTime() - start) / 1_000_000);
  }

  private Outcome observe(ConformanceCase<T> c) {
    try {
      Outcome o = c.body().run(target);
      return o == null ? Outcome.unexpected("case body returned no outcome") : o;
    } catch (Unsupported e) {
      return Outcome.unsupported(e.getMessage());
    } catch (SocketTimeoutException e) {
      return Outcome.timeout("no answer in time: " + e.getMessage());
    } catch (StcException e) {
      return Outcome.error(e.error(), "the conversation ended: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Outcome.unexpected("interrupted");
    } catch (Exception | AssertionError e) {
      return Outcome.unexpected(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  /** True when no required case failed (unsupported cases do not fail a run; see {@link Verdict}). */
  public static boolean passed(List<CaseResult> results, boolean strict) {
    for (CaseResult r : results) {
      if (!r.testCase().required()) {
        continue;
      }
      if (r.verdict() == Verdict.FAIL || (strict && r.verdict() == Verdict.UNSUPPORTED)) {
        return false;
      }
    }
    return true;
  }
}
