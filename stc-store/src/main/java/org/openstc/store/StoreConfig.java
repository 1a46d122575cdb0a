package org.openstc.store;

import java.util.List;

/**
 * How to open a store: its name for messages ("token store"), the map size (the file's size limit),
 * how many readers may use it at once, whether a commit waits for the disk, and its databases.
 */
public record StoreConfig(String name, long mapSize, int maxReaders, boolean syncOnCommit, List<String> tables) {
  public StoreConfig {
    tables = List.copyOf(tables);
    if (tables.isEmpty() || mapSize <= 0 || maxReaders <= 0) {
      throw new IllegalArgumentException("a store needs tables, a map size and readers");
    }
  }
}
