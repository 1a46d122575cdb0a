package org.openstc.partition.store;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openstc.command.MalformedCommandException;
import org.openstc.command.internal.WireReader;
import org.openstc.command.internal.WireWriter;

/**
 * The stored values of one policy set (the host's, or one partition's), plus the partition's
 * activation state. A policy never changed has its default; so does a record that was never
 * written, which keeps homes made before policies existed working unchanged.
 */
public final class PolicyValues {
  private static final int FORMAT = 1;
  private static final int MAX_ENTRIES = 256;

  private final Map<Integer, Integer> values;
  private final boolean activated;

  private PolicyValues(Map<Integer, Integer> values, boolean activated) {
    this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    this.activated = activated;
  }

  /** Every policy at its default, activated. */
  public static PolicyValues defaults() {
    return new PolicyValues(Map.of(), true);
  }

  /** The value of {@code p}: the stored one, else its default. */
  public int value(Policy p) {
    return values.getOrDefault(p.code(), p.defaultValue());
  }

  public boolean isOn(Policy p) {
    return value(p) == 1;
  }

  /** Whether the partition is activated (served); meaningless for the host's set. */
  public boolean activated() {
    return activated;
  }

  PolicyValues with(Policy p, int value) {
    Map<Integer, Integer> next = new TreeMap<>(values);
    next.put(p.code(), value);
    return new PolicyValues(next, activated);
  }

  PolicyValues withActivated(boolean on) {
    return new PolicyValues(values, on);
  }

  /** {@code policies} with their values, in the order given. */
  public <P extends Policy> Map<P, Integer> of(List<P> policies) {
    Map<P, Integer> out = new java.util.LinkedHashMap<>();
    policies.forEach(p -> out.put(p, value(p)));
    return out;
  }

  byte[] encode() {
    WireWriter w = new WireWriter().u8(FORMAT).bool(activated).u16(values.size());
    values.forEach((code, value) -> w.u16(code).u32(value));
    return w.toByteArray();
  }

  static PolicyValues decode(byte[] value) throws StoreException {
    try {
      WireReader in = new WireReader(value);
      if (in.u8() != FORMAT) {
        throw new MalformedCommandException("unknown policy record format");
      }
      boolean activated = in.bool();
      int n = in.u16();
      if (n > MAX_ENTRIES) {
        throw new MalformedCommandException("too many policies");
      }
      Map<Integer, Integer> values = new TreeMap<>();
      for (int i = 0; i < n; i++) {
        values.put(in.u16(), (int) in.u32());
      }
      in.end();
      return new PolicyValues(values, activated);
    } catch (MalformedCommandException e) {
      throw StoreException.corrupt("policy record", e);
    }
  }
}
