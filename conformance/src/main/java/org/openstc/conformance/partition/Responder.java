package org.openstc.conformance.partition;

import java.util.Arrays;
import org.openstc.command.CommandResponse;
import org.openstc.command.MalformedCommandException;
import org.openstc.command.Requests;

/**
 * The "application" inside the channel that record-level cases talk to: it turns a test message
 * into the payload of a DATA record that makes the partition answer, and checks the answer. Record
 * cases only need an echo; which echo depends on the host.
 */
public interface Responder {

  /** The name used on the command line. */
  String name();

  /** The DATA payload that asks the partition to echo {@code message}. */
  byte[] request(long requestId, byte[] message);

  /** Null when {@code reply} is the echo of {@code message}, else what is wrong with it. */
  String check(long requestId, byte[] message, byte[] reply);

  /** Parses {@code raw} or {@code command}. */
  static Responder named(String name) {
    switch (name) {
      case "raw": return RAW_ECHO;
      case "command": return COMMAND_ECHO;
      default: throw new IllegalArgumentException("unknown responder '" + name
          + "' (expected raw or command)");
    }
  }

  /** A host whose channel service echoes every payload unchanged. */
  Responder RAW_ECHO = new Responder() {
    @Override
    public String name() {
      return "raw";
    }

    @Override
    public byte[] request(long requestId, byte[] message) {
      return message.clone();
    }

    @Override
    public String check(long requestId, byte[] message, byte[] reply) {
      return Arrays.equals(message, reply) ? null : "reply is not the echo of the request";
    }
  };

  /** An openstc partition host: the command protocol's ECHO opcode (docs/protocol.md Part 2). */
  Responder COMMAND_ECHO = new Responder() {
    @Override
    public String name() {
      return "command";
    }

    @Override
    public byte[] request(long requestId, byte[] message) {
      return Requests.echo(requestId, message).encode();
    }

    @Override
    public String check(long requestId, byte[] message, byte[] reply) {
      try {
        CommandResponse r = CommandResponse.decode(reply);
        if (r.requestId() != requestId) {
          return "ECHO reply carries request id " + r.requestId() + ", not " + requestId;
        }
        if (!r.isOk()) {
          return "ECHO failed: " + r;
        }
        return Arrays.equals(message, r.body()) ? null : "ECHO body differs from the request";
      } catch (MalformedCommandException e) {
        return "malformed command response: " + e.getMessage();
      }
    }
  };
}
