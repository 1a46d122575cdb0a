package org.openstc.pkcs11;

/** An RPC message that does not parse: truncated, over a limit or not matching its signature. */
final class RpcFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  RpcFormatException(String message) {
    super(message);
  }
}
