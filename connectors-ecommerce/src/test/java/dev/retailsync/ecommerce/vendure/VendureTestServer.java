package dev.retailsync.ecommerce.vendure;

/**
 * The running Vendure test server as {@link VendureServerExtension} hands it to a test class.
 *
 * @param adminApiUrl the Admin API endpoint, {@code http://127.0.0.1:<port>/admin-api}
 * @param bearerToken a superadmin login session token (never log it out: logout ends every session
 *     of the user)
 * @param apiKey an API key of a connector role created for this test class
 * @param pid the Node process id
 */
public record VendureTestServer(String adminApiUrl, String bearerToken, String apiKey, long pid) {
  /**
   * Shows the URL and pid; never the credentials.
   *
   * @return the rendering
   */
  @Override
  public String toString() {
    return "VendureTestServer[" + adminApiUrl + ", pid " + pid + "]";
  }
}
