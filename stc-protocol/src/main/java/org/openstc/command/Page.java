package org.openstc.command;

import java.util.List;
import java.util.function.ToIntFunction;
import org.openstc.command.internal.WireReader;
import org.openstc.command.internal.WireWriter;

/**
 * One page of a list response ({@link Opcode#CLIENT_LIST}, {@link Opcode#OBJECT_LIST}): the request
 * body is {@code u32 start} (index of the first entry wanted); the response is {@code u32 total ||
 * u32 count || count entries}, as many entries from {@code start} as fit in {@link
 * CommandRequest#MAX_BODY}. A client that wants everything asks again from {@code start + count}
 * until it has {@code total}.
 */
public record Page<T>(long total, List<T> entries) {
  private static final int BUDGET = CommandRequest.MAX_BODY - 8;

  /** The entries of {@code all} from {@code start} that fit, given each one's encoded size. */
  public static <T> Page<T> slice(List<T> all, long start, ToIntFunction<T> encodedSize) {
    int from = (int) Math.min(start, all.size());
    int to = from;
    long used = 0;
    while (to < all.size() && used + encodedSize.applyAsInt(all.get(to)) <= BUDGET) {
      used += encodedSize.applyAsInt(all.get(to));
      to++;
    }
    return new Page<>(all.size(), List.copyOf(all.subList(from, to)));
  }

  /** Whether more entries follow this page when it started at {@code start}. */
  public boolean hasMore(long start) {
    return start + entries.size() < total;
  }

  static byte[] encodeStart(long start) {
    return new WireWriter().u32(start).toByteArray();
  }

  /** The {@code u32 start} of a list request. */
  public static long decodeStart(byte[] body) throws MalformedCommandException {
    WireReader in = new WireReader(body);
    long start = in.u32();
    in.end();
    return start;
  }
}
