package org.openstc.store;

/**
 * Turns a {@link StoreFailure} into a store's own public exception (the token's
 * {@code TokenException}, the host store's {@code StoreException}): the store chooses its code,
 * stc-store has already chosen the kind and written the message.
 */
@FunctionalInterface
public interface FailureMapper<E extends Exception> {
  E map(StoreFailure failure, String message, Throwable cause);
}
