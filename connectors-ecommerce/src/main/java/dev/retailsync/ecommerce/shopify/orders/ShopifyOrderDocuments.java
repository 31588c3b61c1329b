package dev.retailsync.ecommerce.shopify.orders;

/**
 * The Admin GraphQL documents (API 2026-04) the order side uses, as constants a transport sends as
 * they are. Reads select exactly what the mappings read; mutations return the generic {@code
 * UserError} ({@code field}, {@code message}; no {@code code}), except {@code metafieldsSet}.
 *
 * <p>Costs stay under the 1,000-point single-query limit: {@link #ORDERS} at {@code first: 5} with
 * the nested connections below is estimated at about 700 points.
 */
public final class ShopifyOrderDocuments {
  private ShopifyOrderDocuments() {}

  private static final String MONEY = "{ shopMoney { amount currencyCode } }";
  private static final String ADDRESS = "{ address1 address2 city provinceCode zip countryCodeV2 }";

  private static final String LINE_ITEM_FIELDS =
      "id sku name quantity currentQuantity unfulfilledQuantity variant { id }\n"
          + "  originalUnitPriceSet "
          + MONEY
          + " discountedTotalSet "
          + MONEY
          + "\n  taxLines { title rate priceSet "
          + MONEY
          + " }\n  discountAllocations { allocatedAmountSet "
          + MONEY
          + "\n    discountApplication { ... on DiscountCodeApplication { code }"
          + " ... on ManualDiscountApplication { title }"
          + " ... on AutomaticDiscountApplication { title }"
          + " ... on ScriptDiscountApplication { title } } }";

  private static final String HEADER_FIELDS =
      "id legacyResourceId name email createdAt updatedAt processedAt cancelledAt closedAt\n"
          + "currencyCode poNumber tags displayFinancialStatus displayFulfillmentStatus\n"
          + "customer { id }\n"
          + "currentSubtotalPriceSet "
          + MONEY
          + " currentTotalDiscountsSet "
          + MONEY
          + "\ncurrentTotalTaxSet "
          + MONEY
          + " totalShippingPriceSet "
          + MONEY
          + " currentTotalPriceSet "
          + MONEY
          + "\nshippingAddress "
          + ADDRESS
          + "\nbillingAddress "
          + ADDRESS
          + "\nshippingLines(first: 3) { nodes { title taxLines { title rate priceSet "
          + MONEY
          + " }\n  discountAllocations { allocatedAmountSet "
          + MONEY
          + " } } }\n"
          + "transactions(first: 5) { id kind status gateway amountSet "
          + MONEY
          + " }\n"
          + "metafields(first: 10) { nodes { namespace key type value } }\n";

  /**
   * The fields of an {@code Order} that {@link ShopifyOrderMapping}, {@link
   * ShopifyShipmentMapping}, {@link ShopifyReturnMapping} and {@link ShopifyOrderRef} read: the
   * header, 30 line items, and up to 3 fulfilments, refunds and returns with 10 lines each. By the
   * documented cost rules (object 1, connection 2 + first &times; node) about 750 points, under the
   * 1,000-point single-query limit. An order with more line items comes back with {@code
   * lineItems.pageInfo.hasNextPage}; fetch the rest with {@link #ORDER_LINE_ITEMS} and {@link
   * ShopifyOrderMapping#withMoreLineItems} (the mappings refuse an incomplete order rather than
   * drop lines).
   */
  public static final String ORDER_FIELDS =
      HEADER_FIELDS
          + "lineItems(first: 30) { pageInfo { hasNextPage endCursor } nodes {\n  "
          + LINE_ITEM_FIELDS
          + " } }\n"
          + "fulfillments(first: 3) { id name status displayStatus createdAt updatedAt deliveredAt\n"
          + "  trackingInfo(first: 3) { number company url }\n"
          + "  fulfillmentLineItems(first: 10) { nodes { quantity lineItem { id sku } } } }\n"
          + "refunds(first: 3) { id legacyResourceId createdAt note totalRefundedSet "
          + MONEY
          + "\n  refundLineItems(first: 10) { nodes { quantity restockType lineItem { id sku } } } }\n"
          + "returns(first: 3) { nodes { id name status\n"
          + "  returnLineItems(first: 10) { nodes { quantity\n"
          + "    ... on ReturnLineItem { returnReason returnReasonNote"
          + " fulfillmentLineItem { lineItem { id sku } } } } } } }";

  /** One order by id, with everything {@link #ORDER_FIELDS} selects. Variables: {@code {"id"}}. */
  public static final String ORDER =
      "query Order($id: ID!) {\n  order(id: $id) {\n" + ORDER_FIELDS + "\n  }\n}";

  /**
   * The next page of an order's line items. Variables: {@code {"id": "gid://shopify/Order/...",
   * "cursor": "<lineItems.pageInfo.endCursor>"}}; about 700 points.
   */
  public static final String ORDER_LINE_ITEMS =
      "query OrderLineItems($id: ID!, $cursor: String) {\n"
          + "  order(id: $id) {\n"
          + "    lineItems(first: 50, after: $cursor) { pageInfo { hasNextPage endCursor } nodes {\n"
          + LINE_ITEM_FIELDS
          + " } }\n  }\n}";

  /**
   * Orders changed since a time, oldest change first, four to a page with their header and first
   * ten line items (about 800 points); fulfilments, refunds and returns of a changed order are read
   * with {@link #ORDER}, or in bulk. Variables: {@code {"cursor": null, "q":
   * "updated_at:>'2026-10-01T00:00:00Z'"}}.
   */
  public static final String ORDERS =
      "query Orders($cursor: String, $q: String) {\n"
          + "  orders(first: 4, after: $cursor, query: $q, sortKey: UPDATED_AT) {\n"
          + "    pageInfo { hasNextPage endCursor }\n"
          + "    nodes {\n"
          + HEADER_FIELDS
          + "lineItems(first: 10) { pageInfo { hasNextPage endCursor } nodes {\n  "
          + LINE_ITEM_FIELDS
          + " } }\n    }\n  }\n}";

  /**
   * An order's fulfilment orders (five, with up to 50 lines each; about 530 points) with what
   * remains to fulfil per line, for {@link ShopifyOrderMutations#fulfillmentCreate}. Variables:
   * {@code {"id": "gid://shopify/Order/..."}}.
   */
  public static final String FULFILLMENT_ORDERS =
      "query FulfillmentOrders($id: ID!) {\n"
          + "  order(id: $id) {\n"
          + "    id name\n"
          + "    fulfillmentOrders(first: 5) { nodes { id status assignedLocation { location { id } }\n"
          + "      lineItems(first: 50) { nodes { id remainingQuantity lineItem { id sku } } } } }\n"
          + "  }\n"
          + "}";

  /**
   * Creates a fulfilment ({@code fulfillmentCreateV2} is the deprecated name of the same mutation).
   * Variables: {@code {"fulfillment": FulfillmentInput, "message": null}}.
   */
  public static final String FULFILLMENT_CREATE =
      "mutation FulfillmentCreate($fulfillment: FulfillmentInput!, $message: String) {\n"
          + "  fulfillmentCreate(fulfillment: $fulfillment, message: $message) {\n"
          + "    fulfillment { id name status createdAt trackingInfo(first: 3) { number company url }"
          + " }\n"
          + "    userErrors { field message }\n"
          + "  }\n"
          + "}";

  /**
   * Creates a refund; {@code %s} is the {@code @idempotent} key, written as a literal (Shopify's
   * examples do; the key is mandatory for {@code refundCreate} from 2026-04). Use {@link
   * ShopifyOrderMutations#refundCreate}, which fills it in. Variables: {@code {"input":
   * RefundInput}}.
   */
  public static final String REFUND_CREATE_TEMPLATE =
      "mutation RefundCreate($input: RefundInput!) {\n"
          + "  refundCreate(input: $input) @idempotent(key: \"%s\") {\n"
          + "    refund { id legacyResourceId createdAt totalRefundedSet "
          + MONEY
          + " }\n"
          + "    userErrors { field message }\n"
          + "  }\n"
          + "}";

  /** Adds tags to an order. Variables: {@code {"id": "gid://shopify/Order/...", "tags": [...]}}. */
  public static final String TAGS_ADD =
      "mutation TagsAdd($id: ID!, $tags: [String!]!) {\n"
          + "  tagsAdd(id: $id, tags: $tags) {\n"
          + "    node { id }\n"
          + "    userErrors { field message }\n"
          + "  }\n"
          + "}";

  /** Sets metafields (at most 25 a call). Variables: {@code {"metafields": [...]}}. */
  public static final String METAFIELDS_SET =
      "mutation MetafieldsSet($metafields: [MetafieldsSetInput!]!) {\n"
          + "  metafieldsSet(metafields: $metafields) {\n"
          + "    metafields { id namespace key value }\n"
          + "    userErrors { field message code }\n"
          + "  }\n"
          + "}";
}
