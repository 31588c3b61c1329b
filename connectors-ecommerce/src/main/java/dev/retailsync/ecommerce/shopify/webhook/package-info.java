/**
 * Shopify webhook intake as a library component the host calls from its own HTTP endpoint.
 *
 * <p>{@link dev.retailsync.ecommerce.shopify.webhook.WebhookIntake} verifies the HMAC-SHA256 over
 * the raw body ({@link dev.retailsync.ecommerce.shopify.webhook.WebhookSignature}: constant-time,
 * two secrets while rotating), reads both header families ({@code X-Shopify-*} and the Events
 * {@code shopify-*}), drops duplicates by webhook id ({@link
 * dev.retailsync.ecommerce.shopify.webhook.WebhookDedupeStore}) and stale deliveries by {@code
 * updated_at} per resource ({@link dev.retailsync.ecommerce.shopify.webhook.ResourceVersionStore}),
 * and hands the rest to a {@link dev.retailsync.ecommerce.shopify.webhook.WebhookSink} without
 * processing them, returning a {@link dev.retailsync.ecommerce.shopify.webhook.WebhookVerdict} the
 * host answers with. {@link dev.retailsync.ecommerce.shopify.webhook.SubscriptionMonitor}
 * re-creates subscriptions Shopify deleted and reports the gap to backfill.
 */
package dev.retailsync.ecommerce.shopify.webhook;
