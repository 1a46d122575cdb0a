package org.openstc.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openstc.command.CkResult.CKR_ARGUMENTS_BAD;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.signature.EcdsaPublicKey;
import com.google.crypto.tink.signature.Ed25519PublicKey;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.command.CommandRequest;
import org.openstc.command.ObjectBodies;
import org.openstc.command.Opcode;
import org.openstc.command.ObjectBodies.ObjectType;
import org.openstc.command.Requests;
import org.openstc.command.Role;

/**
 * docs/protocol.md section 30, checked without openstc's signing code: a SIGN output is
 * {@code 0x01 || key id (u32, big-endian) || signature}, the key id being the primary key id of the
 * PUBLIC_KEY keyset, and the signature is plain algorithm output (Ed25519: 64 bytes; ECDSA P-256
 * with SHA-256: DER) that the JDK's own providers verify over the data as sent.
 */
class SignatureFormatTest {
  @TempDir Path home;
  Fixture f;

  @AfterEach
  void tearDown() {
    f.close();
  }

  @Test
  void ed25519AndEcdsaSignaturesAreThePrefixThenPlainAlgorithmOutput() throws Exception {
    f = Fixture.create(home, 100_000);
    f.initialized();
    Session co = f.loggedIn(Role.CO);
    byte[] data = "signed by the partition".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    for (ObjectType type : new ObjectType[] {ObjectType.ED25519, ObjectType.EC_P256}) {
      long h = ObjectBodies.decodeU32(f.ok(co, Requests.generate(f.id(), type, type.label())));
      byte[] sig = f.ok(co, Requests.sign(f.id(), h, data));
      KeysetHandle pub = TinkProtoKeysetFormat.parseKeysetWithoutSecret(
          f.ok(co, Requests.publicKey(f.id(), h)));
      int keyId = pub.getPrimary().getId();
      assertEquals(1, sig[0], "version byte of the prefix");
      assertEquals(keyId, ByteBuffer.wrap(sig, 1, 4).getInt(), "key id of the prefix");
      byte[] plain = Arrays.copyOfRange(sig, 5, sig.length);
      Signature jdk;
      if (type == ObjectType.ED25519) {
        assertEquals(64, plain.length);
        jdk = Signature.getInstance("Ed25519");
        jdk.initVerify(ed25519((Ed25519PublicKey) pub.getPrimary().getKey()));
      } else {
        assertEquals(0x30, plain[0] & 0xff, "DER SEQUENCE");
        jdk = Signature.getInstance("SHA256withECDSA");
        jdk.initVerify(p256((EcdsaPublicKey) pub.getPrimary().getKey()));
      }
      jdk.update(data);
      assertTrue(jdk.verify(plain), type + ": the JDK does not verify the signature");
    }
  }

  @Test
  void signRefusesATrailingFieldAndVerifyRefusesDataLargerThanSignAccepts() throws Exception {
    f = Fixture.create(home, 100_000);
    f.initialized();
    Session co = f.loggedIn(Role.CO);
    long h = ObjectBodies.decodeU32(f.ok(co, Requests.generate(f.id(), ObjectType.ED25519, "e")));
    f.expect(CKR_ARGUMENTS_BAD, co,
        Requests.verify(f.id(), h, new byte[ObjectBodies.MAX_DATA + 1], new byte[69]));
    f.expect(CKR_ARGUMENTS_BAD, co, CommandRequest.of(f.id(), Opcode.SIGN,
        new ObjectBodies.Operation(h, new byte[] {1}, new byte[] {2}).encode()));
  }

  private static PublicKey ed25519(Ed25519PublicKey key) throws Exception {
    byte[] le = key.getPublicKeyBytes().toByteArray();
    boolean xOdd = (le[31] & 0x80) != 0;
    byte[] be = new byte[32];
    for (int i = 0; i < 32; i++) {
      be[i] = le[31 - i];
    }
    be[0] &= 0x7f;
    return KeyFactory.getInstance("Ed25519").generatePublic(new EdECPublicKeySpec(
        NamedParameterSpec.ED25519, new EdECPoint(xOdd, new BigInteger(1, be))));
  }

  private static PublicKey p256(EcdsaPublicKey key) throws Exception {
    AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
    params.init(new ECGenParameterSpec("secp256r1"));
    return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(key.getPublicPoint(),
        params.getParameterSpec(ECParameterSpec.class)));
  }
}
