package org.openstc.store;

/** Work inside one transaction; it may refuse with the store's own exception {@code E}. */
@FunctionalInterface
public interface Work<R, E extends Exception> {
  R run(Tx tx) throws E;
}
