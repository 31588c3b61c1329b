package dev.retailsync.core.golden;

import dev.retailsync.api.FieldPath;
import dev.retailsync.api.SystemId;

/**
 * A field a change carried but was not allowed to write: it is owned by another system.
 *
 * @param field the field or group
 * @param system the system that sent it
 * @param owner the system that owns it
 * @param reason why it was dropped
 */
public record Dropped(FieldPath field, SystemId system, SystemId owner, String reason) {}
