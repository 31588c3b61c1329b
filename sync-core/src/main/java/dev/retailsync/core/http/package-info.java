/**
 * HTTP plumbing every connector shares: OAuth 2.0 token providers with single-flight refresh
 * (client credentials, JWT bearer, client assertion, refresh token with rotation), bearer
 * authentication that re-authenticates once on 401, {@code Retry-After} parsing, and request logs
 * that never show a token, a secret or a body. Built on OkHttp; connectors take the host's {@code
 * OkHttpClient} so that proxies, TLS and pools stay the host's choice.
 */
package dev.retailsync.core.http;
