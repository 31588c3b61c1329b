package dev.retailsync.erp.tryton;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that runs against the real Tryton server of {@link TrytonServerExtension}:
 * tagged {@code real-server}, so it runs in Failsafe's integration-test phase, not in {@code mvn
 * test}. Public so that tests in other modules can use it through this module's test-jar; such a
 * test takes a {@link TrytonTestServer} parameter (constructor or method) to learn where the server
 * listens.
 */
// Test code patched into the module: JUnit is on the class path, not a module it reads.
@SuppressWarnings("exports")
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("real-server")
@ExtendWith(TrytonServerExtension.class)
public @interface RealTryton {}
