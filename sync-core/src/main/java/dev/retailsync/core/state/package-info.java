/**
 * Every piece of state the engine keeps, behind small interfaces with a thread-safe in-memory
 * implementation here and a JDBC one for hosts that restart and scale out. Each interface's
 * behaviour is pinned by a compatibility test kit that every implementation passes unchanged.
 */
package dev.retailsync.core.state;
