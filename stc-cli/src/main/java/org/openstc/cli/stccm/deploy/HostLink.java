package org.openstc.cli.stccm.deploy;

import java.io.IOException;

/**
 * What a deploy does on the partition host: run one stcsh command, copy a file into or out of the
 * account's file area. {@link SshLink} is the real one; an IOException means the connection is
 * gone and the outcome of that operation is unknown.
 */
interface HostLink extends AutoCloseable {
  /** A finished remote command. */
  record Result(int status, String out, String err) {
    /** The command's error line, else its output. */
    String message() {
      return (err.isBlank() ? out : err).strip().replaceFirst("^Error: ", "");
    }
  }

  /** Opens a new link to the same host as the same account (to undo after a lost connection). */
  interface Reconnect {
    HostLink open() throws Exception;
  }

  /** Runs one stcsh command on the host (arguments joined with spaces, none may hold one). */
  Result exec(String... args) throws IOException;

  /** Copies {@code data} into the account's file area as {@code name}. */
  void upload(byte[] data, String name) throws IOException;

  /** The file {@code name} of the account's file area. */
  byte[] download(String name) throws IOException;

  /** Whether the connection is still up. */
  boolean isOpen();

  @Override
  void close() throws IOException;
}
