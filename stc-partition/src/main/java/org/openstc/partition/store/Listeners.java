package org.openstc.partition.store;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The registered {@link HostStoreListener}s; one failing listener does not stop the others. */
final class Listeners {
  private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);
  private final List<HostStoreListener> listeners = new CopyOnWriteArrayList<>();

  void add(HostStoreListener l) {
    listeners.add(l);
  }

  void remove(HostStoreListener l) {
    listeners.remove(l);
  }

  void fire(Consumer<HostStoreListener> event) {
    for (HostStoreListener l : listeners) {
      try {
        event.accept(l);
      } catch (RuntimeException e) {
        LOG.warn("store listener {} failed", l, e);
      }
    }
  }
}
