package org.openstc.cli.stcsh;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openstc.cli.common.CliContext;
import org.openstc.partition.store.Policy;
import org.openstc.partition.store.PolicyValues;

/** How policy commands print: the vendor's table and confirmation lines, and the {@code -json} rows. */
final class PolicyTable {
  private PolicyTable() {}

  /** The rows of {@code policies} with their values, as {@code -json} gives them. */
  static List<Map<String, Object>> rows(List<Policy> policies, PolicyValues values) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Policy p : policies) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("code", p.code());
      m.put("description", p.title());
      m.put("value", values.value(p));
      m.put("destructive", p.destructive());
      rows.add(m);
    }
    return rows;
  }

  /**
   * A {@code showPolicies} command's output: with {@code json}, {@code fields} then
   * {@code policies}; else {@code text} then the table.
   */
  static void show(CliContext ctx, boolean json, Map<String, Object> fields, String text,
      Policy.Scope scope, PolicyValues values) {
    if (json) {
      Map<String, Object> v = new LinkedHashMap<>(fields);
      v.put("policies", rows(Policy.of(scope), values));
      ctx.printJson(v);
      return;
    }
    ctx.out().print(text);
    print(ctx.out(), Policy.of(scope), values);
  }

  /** The appliance's {@code hsm showPolicies} table: Description, Value (On/Off), Code, Destructive. */
  static void print(PrintWriter out, List<Policy> policies, PolicyValues values) {
    out.printf("%-36s %-5s %-4s %s%n", "Description", "Value", "Code", "Destructive");
    out.printf("%-36s %-5s %-4s %s%n", "===========", "=====", "====", "===========");
    for (Policy p : policies) {
      out.printf("%-36s %-5s %-4d %s%n", p.title(), values.isOn(p) ? "On" : "Off", p.code(),
          p.destructive() ? "Yes" : "No");
    }
  }

  /** The appliance's success lines of {@code changePolicy}. */
  static void changed(PrintWriter out, String command, Policy p, long value) {
    out.printf("'%s' successful.%n", command);
    out.printf("Policy \"%s\" is now set to: %d%n", p.title(), value);
  }

  /** The confirmation question of a destructive HSM policy change. */
  static String destructiveQuestion(Policy p, long value) {
    return "CAUTION: policy " + p.code() + " (" + p.title() + ") is destructive: setting it to "
        + value + " destroys every partition on this host, with its objects, client registrations"
        + " and identity.";
  }
}
