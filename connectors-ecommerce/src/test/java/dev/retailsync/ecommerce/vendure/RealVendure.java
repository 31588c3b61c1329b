package dev.retailsync.ecommerce.vendure;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that runs against the real Vendure server of {@link VendureServerExtension}:
 * tagged {@code real-server}, so it runs in Failsafe's integration-test phase, not in {@code mvn
 * test}. Test methods and constructors receive the running server as a {@link VendureTestServer}
 * parameter; {@link VendureTestShop} places orders on it.
 *
 * <p>Other modules use it through {@code connectors-ecommerce}'s test-jar; the committed Vendure
 * project ({@code connectors-ecommerce/src/test/vendure}) is found up the directory tree from the
 * test's working directory, or named with the system property {@code vendure.project}.
 */
// Test-jar API in a test compilation patched into the module: JUnit types are not re-exported.
@SuppressWarnings("exports")
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("real-server")
@ExtendWith(VendureServerExtension.class)
public @interface RealVendure {}
