package org.openstc.pkcs11;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Attribute values of one object, including those read from the partition on demand: CKA_VALUE
 * of a certificate or data object, and a certificate's CKA_SUBJECT, CKA_ISSUER and
 * CKA_SERIAL_NUMBER. CKA_VALUE of a private or secret key is CKR_ATTRIBUTE_SENSITIVE.
 */
final class AttributeAnswers {
  private static final long CKA_ISSUER = 0x81;
  private static final long CKA_SERIAL_NUMBER = 0x82;

  private final Backend backend;
  private final P11Object object;
  private byte[] value;

  AttributeAnswers(Backend backend, P11Object object) {
    this.backend = backend;
    this.object = object;
  }

  /** The C_GetAttributeValue answer: the attributes, then the call's return value. */
  RpcWriter write(List<Attribute.Request> asked, RpcWriter out) throws CkrException {
    List<RpcWriter.AttributeAnswer> answers = new ArrayList<>();
    long rv = Ck.CKR_OK;
    for (Attribute.Request r : asked) {
      if (object.sensitive() && r.type() == Ck.CKA_VALUE) {
        answers.add(new RpcWriter.AttributeAnswer(r.type(), null, false));
        rv = Ck.CKR_ATTRIBUTE_SENSITIVE;
        continue;
      }
      Attribute a = attribute(r.type());
      if (a == null) {
        answers.add(new RpcWriter.AttributeAnswer(r.type(), null, false));
        rv = Ck.CKR_ATTRIBUTE_TYPE_INVALID;
      } else if (r.capacity() == 0) {
        answers.add(new RpcWriter.AttributeAnswer(r.type(), a, true));
      } else if (r.capacity() < a.valueLength()) {
        answers.add(new RpcWriter.AttributeAnswer(r.type(), null, false));
        rv = Ck.CKR_BUFFER_TOO_SMALL;
      } else {
        answers.add(new RpcWriter.AttributeAnswer(r.type(), a, false));
      }
    }
    return out.attributeResult(answers).ulong(rv);
  }

  /** True if the object has every attribute of {@code template} with the same value. */
  boolean matches(List<Attribute> template) throws CkrException {
    for (Attribute t : template) {
      if (object.sensitive() && t.type() == Ck.CKA_VALUE) {
        return false;
      }
      Attribute a = attribute(t.type());
      if (a == null || !a.sameValue(t)) {
        return false;
      }
    }
    return true;
  }

  /** The attribute, or null when the object has none of that type. */
  Attribute attribute(long type) throws CkrException {
    Attribute a = object.attribute(type);
    if (a != null || !object.valueInPartition()) {
      return a;
    }
    if (type == Ck.CKA_VALUE) {
      return Attribute.ofBytes(type, value());
    }
    if (object.entry().kind() != Backend.Kind.CERTIFICATE) {
      return null;
    }
    if (type == Ck.CKA_SUBJECT) {
      return Attribute.ofBytes(type, certificate().getSubjectX500Principal().getEncoded());
    }
    if (type == CKA_ISSUER) {
      return Attribute.ofBytes(type, certificate().getIssuerX500Principal().getEncoded());
    }
    if (type == CKA_SERIAL_NUMBER) {
      return Attribute.ofBytes(type, derInteger(certificate().getSerialNumber()));
    }
    return null;
  }

  private byte[] value() throws CkrException {
    if (value == null) {
      value = backend.value(object.entry().handle());
    }
    return value;
  }

  private X509Certificate certificate() throws CkrException {
    try {
      return (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(value()));
    } catch (CertificateException e) {
      throw new CkrException(Ck.CKR_GENERAL_ERROR, "stored certificate does not parse: " + e);
    }
  }

  /** CKA_SERIAL_NUMBER is the DER INTEGER (tag, length, value) of the serial. */
  private static byte[] derInteger(BigInteger n) {
    byte[] v = n.toByteArray();
    byte[] len = v.length < 128 ? new byte[] {(byte) v.length}
        : new byte[] {(byte) 0x81, (byte) v.length};
    byte[] out = new byte[1 + len.length + v.length];
    out[0] = 0x02;
    System.arraycopy(len, 0, out, 1, len.length);
    System.arraycopy(v, 0, out, 1 + len.length, v.length);
    return out;
  }
}
