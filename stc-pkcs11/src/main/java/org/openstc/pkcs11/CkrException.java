package org.openstc.pkcs11;

/** A call that ends with a PKCS#11 return value other than CKR_OK. */
final class CkrException extends Exception {
  private static final long serialVersionUID = 1L;
  private final long ckr;

  CkrException(long ckr, String message) {
    super(message);
    this.ckr = ckr;
  }

  CkrException(long ckr) {
    this(ckr, String.format("CKR 0x%x", ckr));
  }

  long ckr() {
    return ckr;
  }
}
