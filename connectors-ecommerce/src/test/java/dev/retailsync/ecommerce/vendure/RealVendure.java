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
 * test}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("real-server")
@ExtendWith(VendureServerExtension.class)
@interface RealVendure {}
