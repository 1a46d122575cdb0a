package org.openstc.stc.vectors;

import java.util.List;
import org.openstc.stc.ChannelPolicy;
import org.openstc.stc.KeyType;
import org.openstc.stc.Suite;

/**
 * Everything that fixes one deterministic conversation apart from the provider: key type (the keys
 * come from {@link FixedKeys}), the client's offer, the partition's policy, whether the client is
 * registered and whether the client holds the right partition key.
 */
public record Setup(KeyType keyType, long serial, List<Suite> offer, ChannelPolicy policy,
    boolean clientRegistered, boolean clientKnowsRightPartitionKey) {

  public static final long SERIAL = 154438865304L;

  public Setup {
    offer = List.copyOf(offer);
  }

  /** Offer {@code suites}, default policy, registered client, right key. */
  public static Setup of(ChannelPolicy policy, Suite... suites) {
    return new Setup(suites[0].keyType(), SERIAL, List.of(suites), policy, true, true);
  }

  public Setup withUnregisteredClient() {
    return new Setup(keyType, serial, offer, policy, false, clientKnowsRightPartitionKey);
  }

  public Setup withWrongPartitionKey() {
    return new Setup(keyType, serial, offer, policy, clientRegistered, false);
  }
}
