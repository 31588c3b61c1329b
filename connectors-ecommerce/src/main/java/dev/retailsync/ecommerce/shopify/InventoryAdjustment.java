package dev.retailsync.ecommerce.shopify;

import dev.retailsync.api.ValidationException;

/**
 * One relative inventory change for {@link ShopifyInventory#adjust}: a delta to a named quantity of
 * an inventory item at a location, identified by the caller's change id (an ERP movement number, a
 * goods receipt line) so that a retry or a restart reuses its idempotency key.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param changeId the caller's stable id of the logical change
 * @param inventoryItemId the inventory item's GID or numeric id
 * @param locationId the location's GID or numeric id
 * @param name the quantity's name: {@code available} (the default use) or another Shopify quantity
 *     name such as {@code damaged} or {@code quality_control}
 * @param delta the change, not zero
 * @param reason Shopify's reason, such as {@code received}, {@code correction} or {@code damaged}
 * @param ledgerDocumentUri the document the change comes from (a URI), or {@code null}
 */
public record InventoryAdjustment(
    String changeId,
    String inventoryItemId,
    String locationId,
    String name,
    int delta,
    String reason,
    String ledgerDocumentUri) {

  /** Checks the components and normalises ids to GIDs. */
  public InventoryAdjustment {
    if (changeId == null || changeId.isBlank()) {
      throw ValidationException.of(
          "InventoryAdjustment",
          "changeId",
          changeId,
          "is required: a stable id of the change, such as the ERP movement number");
    }
    inventoryItemId = ShopifyIds.toGid("InventoryItem", inventoryItemId);
    locationId = ShopifyIds.toGid("Location", locationId);
    if (name == null || name.isBlank()) {
      name = "available";
    }
    if (delta == 0) {
      throw ValidationException.of("InventoryAdjustment", "delta", delta, "must not be zero");
    }
    if (reason == null || reason.isBlank()) {
      reason = "correction";
    }
  }
}
