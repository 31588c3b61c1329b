package dev.retailsync.ecommerce.shopify;

import dev.retailsync.api.ValidationException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts between Shopify's global ids ({@code gid://shopify/Customer/7001}), the numeric ids that
 * webhooks and {@code legacyResourceId} carry ({@code 7001}), and the composite id this connector
 * gives an inventory level ({@code gid://shopify/InventoryItem/1@gid://shopify/Location/2}).
 *
 * <p>Stateless and thread-safe.
 */
public final class ShopifyIds {
  private static final Pattern GID = Pattern.compile("gid://shopify/([A-Za-z]+)/([0-9]+)(\\?.*)?");

  private ShopifyIds() {}

  /**
   * Returns the GID of a resource.
   *
   * @param type the GraphQL type, such as {@code Customer} or {@code InventoryItem}
   * @param numericId the numeric id, such as {@code 7001}
   * @return the GID
   * @throws ValidationException if the id is not a positive number
   */
  public static String gid(String type, String numericId) {
    if (numericId == null || !numericId.matches("[1-9][0-9]*")) {
      throw ValidationException.of(
          "ShopifyIds", "numericId", numericId, "must be a positive number such as 7001");
    }
    return "gid://shopify/" + type + "/" + numericId;
  }

  /**
   * Returns the numeric id of a GID.
   *
   * @param gid the GID, such as {@code gid://shopify/Customer/7001}
   * @return the numeric id, such as {@code 7001}
   * @throws ValidationException if the text is not a Shopify GID
   */
  public static String numericId(String gid) {
    return match(gid).group(2);
  }

  /**
   * Returns the type of a GID.
   *
   * @param gid the GID
   * @return the type, such as {@code Customer}
   * @throws ValidationException if the text is not a Shopify GID
   */
  public static String type(String gid) {
    return match(gid).group(1);
  }

  /**
   * Tells whether a text is a Shopify GID.
   *
   * @param text the text
   * @return {@code true} for {@code gid://shopify/Type/123}
   */
  public static boolean isGid(String text) {
    return text != null && GID.matcher(text).matches();
  }

  /**
   * Returns a GID of the given type from either a GID or a numeric id.
   *
   * @param type the expected type
   * @param idOrGid a GID of that type, or a numeric id
   * @return the GID
   * @throws ValidationException if the text is neither, or a GID of another type
   */
  public static String toGid(String type, String idOrGid) {
    if (isGid(idOrGid)) {
      if (!type(idOrGid).equals(type)) {
        throw ValidationException.of(
            "ShopifyIds", "id", idOrGid, "is a " + type(idOrGid) + " id, not a " + type + " id");
      }
      return idOrGid;
    }
    return gid(type, idOrGid);
  }

  /**
   * Returns the id of one inventory level: an inventory item at a location.
   *
   * @param inventoryItemGid the item's GID
   * @param locationGid the location's GID
   * @return {@code <item>@<location>}
   */
  public static String inventoryLevelId(String inventoryItemGid, String locationGid) {
    return toGid("InventoryItem", inventoryItemGid) + "@" + toGid("Location", locationGid);
  }

  /**
   * Splits an inventory level id made by {@link #inventoryLevelId}.
   *
   * @param levelId the id
   * @return the item's and the location's GIDs
   * @throws ValidationException if the id is not {@code <item GID>@<location GID>}
   */
  public static String[] splitInventoryLevelId(String levelId) {
    int at = levelId == null ? -1 : levelId.indexOf('@');
    if (at < 0) {
      throw ValidationException.of(
          "ShopifyIds", "inventoryLevelId", levelId, "must be <InventoryItem GID>@<Location GID>");
    }
    return new String[] {
      toGid("InventoryItem", levelId.substring(0, at)), toGid("Location", levelId.substring(at + 1))
    };
  }

  private static Matcher match(String gid) {
    Matcher m = gid == null ? null : GID.matcher(gid);
    if (m == null || !m.matches()) {
      throw ValidationException.of(
          "ShopifyIds", "gid", gid, "must be a Shopify GID such as gid://shopify/Customer/7001");
    }
    return m;
  }
}
