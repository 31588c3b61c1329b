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

  /** The fields of an {@code Order} that {@link ShopifyOrderMapping} and the others read. */
  public static final String ORDER_FIELDS =
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
          + "\nshippingLines(first: 5) { nodes { title taxLines { title rate priceSet "
          + MONEY
          + " }\n  discountAllocations { allocatedAmountSet "
          + MONEY
          + " } } }\n"
          + "lineItems(first: 50) { pageInfo { hasNextPage endCursor } nodes {\n"
          + "  id sku name quantity currentQuantity unfulfilledQuantity variant { id }\n"
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
          + " ... on ScriptDiscountApplication { title } } } } }\n"
          + "transactions(first: 10) { id kind status gateway amountSet "
          + MONEY
          + " }\n"
          + "fulfillments(first: 5) { id name status displayStatus createdAt updatedAt deliveredAt\n"
          + "  trackingInfo(first: 3) { number company url }\n"
          + "  fulfillmentLineItems(first: 50) { nodes { quantity lineItem { id sku } } } }\n"
          + "refunds(first: 5) { id legacyResourceId createdAt note totalRefundedSet "
          + MONEY
          + "\n  refundLineItems(first: 50) { nodes { quantity restockType lineItem { id sku } } } }\n"
          + "returns(first: 5) { nodes { id name status\n"
          + "  returnLineItems(first: 50) { nodes { quantity\n"
          + "    ... on ReturnLineItem { returnReason returnReasonNote"
          + " fulfillmentLineItem { lineItem { id sku } } } } } } }\n"
          + "metafields(first: 20) { nodes { namespace key type value } }";

  /** One order by id. Variables: {@code {"id": "gid://shopify/Order/..."}}. */
  public static final String ORDER =
      "query Order($id: ID!) {\n  order(id: $id) {\n" + ORDER_FIELDS + "\n  }\n}";

  /**
   * Orders changed since a time, oldest change first. Variables: {@code {"cursor": null, "q":
   * "updated_at:>'2026-10-01T00:00:00Z'"}}.
   */
  public static final String ORDERS =
      "query Orders($cursor: String, $q: String) {\n"
          + "  orders(first: 5, after: $cursor, query: $q, sortKey: UPDATED_AT) {\n"
          + "    pageInfo { hasNextPage endCursor }\n"
          + "    nodes {\n"
          + ORDER_FIELDS
          + "\n    }\n  }\n}";

  /**
   * An order's fulfilment orders with what remains to fulfil per line, for {@link
   * ShopifyOrderMutations#fulfillmentCreate}. Variables: {@code {"id": "gid://shopify/Order/..."}}.
   */
  public static final String FULFILLMENT_ORDERS =
      "query FulfillmentOrders($id: ID!) {\n"
          + "  order(id: $id) {\n"
          + "    id name\n"
          + "    fulfillmentOrders(first: 20) { nodes { id status assignedLocation { location { id } }\n"
          + "      lineItems(first: 100) { nodes { id remainingQuantity lineItem { id sku } } } } }\n"
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
