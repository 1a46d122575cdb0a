package org.openstc.partition.store;

import com.google.crypto.tink.Aead;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Arrays;
import org.openstc.command.CkResult;

/**
 * The values of certificate and data objects: sealed by the partition key with associated data
 * {@code "value" || serial || handle} (distinct from a key object's, so a record's sealed bytes
 * cannot be replayed as the other kind), and the X.509 check a certificate must pass.
 */
final class ObjectValues {
  private static final byte[] DOMAIN = Bytes.utf8("value");

  private ObjectValues() {}

  static byte[] seal(Aead partitionKey, long serial, long handle, byte[] value) throws StoreException {
    try {
      return partitionKey.encrypt(value, ad(serial, handle));
    } catch (GeneralSecurityException e) {
      throw new StoreException(CkResult.CKR_DEVICE_ERROR, "cannot encrypt the object value", e);
    }
  }

  static byte[] open(Aead partitionKey, long serial, long handle, byte[] sealed) throws StoreException {
    try {
      return partitionKey.decrypt(sealed, ad(serial, handle));
    } catch (GeneralSecurityException e) {
      throw StoreException.corrupt("value of object " + handle, e);
    }
  }

  /** Refuses (CKR_ATTRIBUTE_VALUE_INVALID) anything but exactly one DER X.509 certificate. */
  static void checkCertificate(byte[] value) throws StoreException {
    try {
      byte[] parsed = CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(value)).getEncoded();
      if (!Arrays.equals(parsed, value)) {
        throw new CertificateException("not exactly one DER certificate");
      }
    } catch (CertificateException | RuntimeException e) {
      throw new StoreException(CkResult.CKR_ATTRIBUTE_VALUE_INVALID,
          "the value is not a DER X.509 certificate (" + e.getMessage() + ")");
    }
  }

  private static byte[] ad(long serial, long handle) {
    byte[] key = Bytes.key(serial, handle);
    byte[] out = Arrays.copyOf(DOMAIN, DOMAIN.length + key.length);
    System.arraycopy(key, 0, out, DOMAIN.length, key.length);
    return out;
  }
}
