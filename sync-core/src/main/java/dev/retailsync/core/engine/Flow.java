package dev.retailsync.core.engine;

import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.EntityType;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.SystemId;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.spi.Connector;
import dev.retailsync.api.spi.RecordWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One path data takes: changes of one entity type from one source system (polled from its change
 * feed, or pushed through {@link SyncEngine#accept}), merged into golden records under the engine's
 * ownership policies, and written to target systems, each receiving the fields it subscribes to and
 * does not own.
 *
 * <p>Instances are immutable and thread-safe; build them with {@link #builder(String, EntityType)}.
 *
 * @param <T> the entity's Java type
 */
public final class Flow<T extends CanonicalEntity> {
  private final String name;
  private final EntityType<T> entityType;
  private final SystemId sourceSystem;
  private final Connector source;
  private final List<Target> targets;
  private final IdentityResolver identityResolver;
  private final boolean coalesce;
  private final int pageSize;
  private final Duration freshnessSla;

  /**
   * A target of a flow: the connector written to and the fields it subscribes to.
   *
   * @param connector the target's connector
   * @param fields the fields or groups it receives; empty for every field
   */
  public record Target(Connector connector, Set<FieldPath> fields) {
    // Copies the fields; see the class documentation for the components.
    public Target {
      fields = Set.copyOf(fields);
    }

    /**
     * Returns the target's system.
     *
     * @return the system
     */
    public SystemId system() {
      return connector.system();
    }
  }

  private Flow(Builder<T> b) {
    this.name = b.name;
    this.entityType = b.entityType;
    this.sourceSystem = b.sourceSystem;
    this.source = b.source;
    this.targets = List.copyOf(b.targets);
    this.identityResolver = b.identityResolver;
    this.coalesce = b.coalesce;
    this.pageSize = b.pageSize;
    this.freshnessSla = b.freshnessSla;
  }

  /**
   * Returns a builder.
   *
   * @param name the flow's name, unique in an engine; it keys the flow's cursor and dead letters
   * @param entityType the entity type the flow carries
   * @param <T> the entity's Java type
   * @return the builder
   */
  public static <T extends CanonicalEntity> Builder<T> builder(
      String name, EntityType<T> entityType) {
    return new Builder<>(name, entityType);
  }

  /**
   * Returns the flow's name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the entity type.
   *
   * @return the entity type
   */
  public EntityType<T> entityType() {
    return entityType;
  }

  /**
   * Returns the source system.
   *
   * @return the system changes come from
   */
  public SystemId sourceSystem() {
    return sourceSystem;
  }

  /**
   * Returns the source connector whose change feed the engine polls.
   *
   * @return the connector, or empty for a push-only flow
   */
  public Optional<Connector> source() {
    return Optional.ofNullable(source);
  }

  /**
   * Returns the targets, in the order they were added.
   *
   * @return the targets
   */
  public List<Target> targets() {
    return targets;
  }

  /**
   * Returns the flow's own identity resolver.
   *
   * @return the resolver, or empty to use the engine's
   */
  public Optional<IdentityResolver> identityResolver() {
    return Optional.ofNullable(identityResolver);
  }

  /**
   * Tells whether writes to one record within a page coalesce to the latest state (right for
   * inventory positions, where only the latest level per SKU and location matters; wrong for
   * orders, where every change counts).
   *
   * @return {@code true} when writes coalesce
   */
  public boolean coalesce() {
    return coalesce;
  }

  /**
   * Returns the most changes polled per page.
   *
   * @return the page size
   */
  public int pageSize() {
    return pageSize;
  }

  /**
   * Returns the age of the newest applied change the host accepts for this flow's domain.
   *
   * @return the SLA, or empty when none is set
   */
  public Optional<Duration> freshnessSla() {
    return Optional.ofNullable(freshnessSla);
  }

  @Override
  public String toString() {
    return "Flow["
        + name
        + ": "
        + entityType
        + " from "
        + sourceSystem
        + " to "
        + targets.stream().map(Target::system).toList()
        + "]";
  }

  /**
   * Builds a {@link Flow}. Not thread-safe.
   *
   * @param <T> the entity's Java type
   */
  public static final class Builder<T extends CanonicalEntity> {
    private final String name;
    private final EntityType<T> entityType;
    private SystemId sourceSystem;
    private Connector source;
    private final List<Target> targets = new ArrayList<>();
    private IdentityResolver identityResolver;
    private boolean coalesce;
    private int pageSize = 200;
    private Duration freshnessSla;

    private Builder(String name, EntityType<T> entityType) {
      this.name = name;
      this.entityType = entityType;
    }

    /**
     * Sets the source connector, whose change feed the engine polls; its system is the source
     * system.
     *
     * @param source the connector
     * @return this builder
     */
    public Builder<T> source(Connector source) {
      this.source = source;
      this.sourceSystem = source == null ? null : source.system();
      return this;
    }

    /**
     * Sets the source system of a push-only flow, whose changes arrive through {@link
     * SyncEngine#accept}.
     *
     * @param system the system
     * @return this builder
     */
    public Builder<T> sourceSystem(SystemId system) {
      this.sourceSystem = system;
      return this;
    }

    /**
     * Adds a target that receives the given fields (every field when none are given), except those
     * it owns.
     *
     * @param target the target's connector; it must have a writer for the entity type
     * @param fields fields or groups, such as {@code Account.Fields.SHIPPING_ADDRESS}
     * @return this builder
     */
    public Builder<T> addTarget(Connector target, FieldPath... fields) {
      targets.add(new Target(target, new LinkedHashSet<>(List.of(fields))));
      return this;
    }

    /**
     * Sets the flow's identity resolver; the engine's by default.
     *
     * @param resolver the resolver
     * @return this builder
     */
    public Builder<T> identityResolver(IdentityResolver resolver) {
      this.identityResolver = resolver;
      return this;
    }

    /**
     * Sets whether writes to one record within a page coalesce to the latest; off by default.
     *
     * @param coalesce {@code true} for inventory-like data
     * @return this builder
     */
    public Builder<T> coalesce(boolean coalesce) {
      this.coalesce = coalesce;
      return this;
    }

    /**
     * Sets the most changes polled per page; 200 by default.
     *
     * @param pageSize at least 1
     * @return this builder
     */
    public Builder<T> pageSize(int pageSize) {
      this.pageSize = pageSize;
      return this;
    }

    /**
     * Sets the age of the newest applied change the host accepts; none by default.
     *
     * @param sla positive
     * @return this builder
     */
    public Builder<T> freshnessSla(Duration sla) {
      this.freshnessSla = sla;
      return this;
    }

    /**
     * Builds the flow.
     *
     * @return the flow
     * @throws ValidationException naming the offending setting
     */
    public Flow<T> build() {
      if (name == null || name.isBlank()) {
        throw ValidationException.of("Flow", "name", name, "is required");
      }
      if (entityType == null) {
        throw ValidationException.of("Flow", "entityType", null, "is required");
      }
      if (sourceSystem == null) {
        throw ValidationException.of(
            "Flow", "source", null, "is required: set source(connector) or sourceSystem(system)");
      }
      if (source != null && source.changeFeed(entityType).isEmpty()) {
        throw ValidationException.of(
            "Flow", "source", source.system(), "has no change feed for " + entityType);
      }
      for (Target t : targets) {
        Optional<RecordWriter<T>> w = t.connector().writer(entityType);
        if (w.isEmpty()) {
          throw ValidationException.of(
              "Flow", "targets", t.system(), "has no writer for " + entityType);
        }
        if (t.system().equals(sourceSystem)) {
          throw ValidationException.of(
              "Flow", "targets", t.system(), "is the source; a flow never writes back to it");
        }
      }
      if (pageSize < 1) {
        throw ValidationException.of("Flow", "pageSize", pageSize, "must be >= 1");
      }
      if (freshnessSla != null && (freshnessSla.isNegative() || freshnessSla.isZero())) {
        throw ValidationException.of("Flow", "freshnessSla", freshnessSla, "must be positive");
      }
      return new Flow<>(this);
    }
  }
}
