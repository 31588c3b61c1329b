package dev.retailsync.core.golden;

import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.MappingException;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.Money;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The shape of a canonical entity as a tree of fields: reads an entity's leaf values into an array
 * indexed by leaf (no hashing on the merge path) and builds an entity back from them, through
 * method handles on the record components (no JSON in between). Expanded groups are the model's
 * nested records except {@link Money}; lists and maps are single leaves; an empty collection counts
 * as absent, as does {@code null}. Custom fields are kept apart, by name.
 *
 * <p>Thread-safe; one shape per class, cached.
 */
final class EntityShape<T> {
  private static final Map<Class<?>, EntityShape<?>> SHAPES = new ConcurrentHashMap<>();
  private static final Map<String, FieldPath> EXTENSION_PATHS = new ConcurrentHashMap<>();

  private final Class<T> type;
  private final Node root;
  private final List<FieldPath> leaves;
  private final List<java.lang.reflect.Type> leafTypes;
  private final Map<FieldPath, Integer> index;
  private final FieldPath[] byIdentity;
  private final int[] byIdentityIndex;
  private final FieldPath[] sortedLeaves;
  private final int[] rank;
  private final Function<Object, Object> extensionsAccessor;

  /** One record component: a leaf with its index, or a nested record with its components. */
  private static final class Node {
    final FieldPath path;
    final Function<Object, Object> accessor;
    final boolean extensions;
    final int leaf;
    final MethodHandle constructor;
    final Node[] children;

    Node(
        FieldPath path,
        Function<Object, Object> accessor,
        boolean extensions,
        int leaf,
        MethodHandle constructor,
        Node[] children) {
      this.path = path;
      this.accessor = accessor;
      this.extensions = extensions;
      this.leaf = leaf;
      this.constructor = constructor;
      this.children = children;
    }

    boolean isGroup() {
      return children != null;
    }
  }

  private EntityShape(Class<T> type) {
    this.type = type;
    List<FieldPath> leafList = new ArrayList<>();
    List<java.lang.reflect.Type> typeList = new ArrayList<>();
    List<Function<Object, Object>> ext = new ArrayList<>(1);
    this.root = node(type, null, null, leafList, typeList, ext);
    this.leaves = List.copyOf(leafList);
    this.leafTypes = List.copyOf(typeList);
    Map<FieldPath, Integer> idx = new HashMap<>();
    for (int i = 0; i < leaves.size(); i++) {
      idx.put(leaves.get(i), i);
    }
    this.index = Map.copyOf(idx);
    this.sortedLeaves = leaves.toArray(new FieldPath[0]);
    java.util.Arrays.sort(sortedLeaves);
    this.rank = new int[leaves.size()];
    for (int r = 0; r < sortedLeaves.length; r++) {
      rank[idx.get(sortedLeaves[r])] = r;
    }
    // The paths the engine passes around (a merge's changes, a plan's fields) are the very
    // instances of leaves(): found by identity first, without hashing or comparing text.
    int cap = Integer.highestOneBit(Math.max(4, leaves.size() * 4 - 1)) << 1;
    this.byIdentity = new FieldPath[cap];
    this.byIdentityIndex = new int[cap];
    for (int i = 0; i < leaves.size(); i++) {
      FieldPath leaf = leaves.get(i);
      int h = slot(leaf, cap - 1);
      while (byIdentity[h] != null) {
        h = (h + 1) & (cap - 1);
      }
      byIdentity[h] = leaf;
      byIdentityIndex[h] = i;
    }
    this.extensionsAccessor = ext.isEmpty() ? null : ext.get(0);
  }

  @SuppressWarnings("unchecked")
  static <T> EntityShape<T> of(Class<T> type) {
    return (EntityShape<T>) SHAPES.computeIfAbsent(type, t -> new EntityShape<>(t));
  }

  /** The leaf paths of the catalogue, without custom fields, in index order. */
  List<FieldPath> leaves() {
    return leaves;
  }

  /** The declared type of a catalogue leaf, such as {@code List<OrderLine>}. */
  java.lang.reflect.Type leafType(int index) {
    return leafTypes.get(index);
  }

  /** The number of catalogue leaves. */
  int size() {
    return leaves.size();
  }

  /** The position of a catalogue leaf (by index) among the leaves in natural order. */
  int rank(int index) {
    return rank[index];
  }

  /** The catalogue leaf at a position in natural order. */
  FieldPath leafByRank(int rank) {
    return sortedLeaves[rank];
  }

  /** The index of a catalogue leaf, or -1. */
  int indexOf(FieldPath leaf) {
    FieldPath[] keys = byIdentity;
    int mask = keys.length - 1;
    for (int h = slot(leaf, mask); ; h = (h + 1) & mask) {
      FieldPath k = keys[h];
      if (k == leaf) {
        return byIdentityIndex[h];
      }
      if (k == null) {
        break;
      }
    }
    // An equal path that is another instance (parsed by a caller): by value.
    Integer i = index.get(leaf);
    return i == null ? -1 : i;
  }

  private static int slot(FieldPath path, int mask) {
    int h = System.identityHashCode(path);
    return (h ^ (h >>> 16)) & mask;
  }

  /** Reads an entity's catalogue leaves into an array; absent leaves are {@code null}. */
  Object[] values(T entity) {
    return values(entity, new boolean[] {true});
  }

  /**
   * Reads an entity's catalogue leaves into an array, and tells in {@code roundTrips[0]} whether
   * {@link #build} from them gives the entity back as it is: it is left {@code true} unless a
   * present group has no leaf or a leaf is an empty collection (both read as absent).
   */
  Object[] values(T entity, boolean[] roundTrips) {
    Object[] out = new Object[leaves.size()];
    read(root, entity, out, roundTrips);
    return out;
  }

  /** Returns an entity's custom fields. */
  @SuppressWarnings("unchecked")
  Map<String, Object> extensions(T entity) {
    if (extensionsAccessor == null) {
      return Map.of();
    }
    Map<String, Object> m = (Map<String, Object>) extensionsAccessor.apply(entity);
    return m == null ? Map.of() : m;
  }

  /** Flattens an entity into its present leaves, custom fields included, keyed by path. */
  Map<FieldPath, Object> flatten(T entity) {
    Object[] values = values(entity);
    Map<FieldPath, Object> out = new HashMap<>(64);
    for (int i = 0; i < values.length; i++) {
      if (values[i] != null) {
        out.put(leaves.get(i), values[i]);
      }
    }
    extensions(entity).forEach((k, v) -> out.put(extensionPath(k), v));
    return out;
  }

  /** Builds an entity from leaves keyed by path; absent groups become {@code null}. */
  T build(Map<FieldPath, Object> byPath) {
    Object[] values = new Object[leaves.size()];
    Map<String, Object> ext = new HashMap<>();
    byPath.forEach(
        (p, v) -> {
          int i = indexOf(p);
          if (i >= 0) {
            values[i] = v;
          } else if (p.isExtension()) {
            ext.put(p.value().substring(FieldPath.EXTENSIONS.length() + 1), v);
          }
        });
    return build(values, ext);
  }

  /** Builds an entity from leaf values by index and custom fields by name. */
  T build(Object[] values, Map<String, Object> extensions) {
    try {
      return type.cast(build(root, values, extensions, true));
    } catch (ValidationException e) {
      throw e;
    } catch (Throwable e) {
      throw new MappingException(null, "cannot build " + type.getSimpleName() + ": " + e, e);
    }
  }

  private static boolean read(Node node, Object record, Object[] out, boolean[] roundTrips) {
    boolean any = false;
    for (Node c : node.children) {
      if (c.extensions) {
        continue;
      }
      Object v = c.accessor.apply(record);
      if (v == null) {
        continue;
      }
      if (v instanceof Collection<?> col && col.isEmpty()
          || v instanceof Map<?, ?> m && m.isEmpty()) {
        roundTrips[0] = false;
        continue;
      }
      if (c.isGroup()) {
        if (read(c, v, out, roundTrips)) {
          any = true;
        } else {
          roundTrips[0] = false;
        }
      } else {
        out[c.leaf] = v;
        any = true;
      }
    }
    return any;
  }

  private static Object build(
      Node node, Object[] values, Map<String, Object> extensions, boolean root) throws Throwable {
    Object[] args = new Object[node.children.length];
    boolean any = false;
    for (int i = 0; i < args.length; i++) {
      Node c = node.children[i];
      Object v;
      if (c.extensions) {
        v = extensions;
      } else if (c.isGroup()) {
        v = build(c, values, extensions, false);
        any |= v != null;
      } else {
        v = values[c.leaf];
        any |= v != null;
      }
      args[i] = v;
    }
    if (!root && !any) {
      return null;
    }
    return (Object) node.constructor.invokeExact(args);
  }

  static FieldPath extensionPath(String name) {
    return EXTENSION_PATHS.computeIfAbsent(name, FieldPath::extension);
  }

  private static Node node(
      Class<?> type,
      FieldPath path,
      Function<Object, Object> accessor,
      List<FieldPath> leafOut,
      List<java.lang.reflect.Type> typeOut,
      List<Function<Object, Object>> extensionsOut) {
    MethodHandles.Lookup lookup = MethodHandles.publicLookup();
    RecordComponent[] comps = type.getRecordComponents();
    Node[] children = new Node[comps.length];
    Class<?>[] types = new Class<?>[comps.length];
    try {
      for (int i = 0; i < comps.length; i++) {
        RecordComponent c = comps[i];
        types[i] = c.getType();
        Function<Object, Object> get = accessor(c);
        boolean ext = path == null && c.getName().equals(FieldPath.EXTENSIONS);
        FieldPath p = path == null ? FieldPath.of(c.getName()) : path.child(c.getName());
        if (ext) {
          children[i] = new Node(p, get, true, -1, null, null);
          extensionsOut.add(get);
        } else if (expands(c)) {
          children[i] = node(c.getType(), p, get, leafOut, typeOut, extensionsOut);
        } else {
          children[i] = new Node(p, get, false, leafOut.size(), null, null);
          leafOut.add(p);
          typeOut.add(c.getGenericType());
        }
      }
      MethodHandle ctor =
          lookup
              .findConstructor(type, MethodType.methodType(void.class, types))
              .asSpreader(Object[].class, types.length)
              .asType(MethodType.methodType(Object.class, Object[].class));
      return new Node(path, accessor, false, -1, ctor, children);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot access the components of " + type.getName(), e);
    }
  }

  /**
   * A record component's accessor as a function: a call the JIT inlines, unlike a method handle
   * kept in a field (this runs for every leaf of every merged change).
   */
  @SuppressWarnings("unchecked")
  private static Function<Object, Object> accessor(RecordComponent c) {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      return (Function<Object, Object>)
          LambdaMetafactory.metafactory(
                  lookup,
                  "apply",
                  MethodType.methodType(Function.class),
                  MethodType.methodType(Object.class, Object.class),
                  lookup.unreflect(c.getAccessor()),
                  MethodType.methodType(
                      MethodType.methodType(c.getType()).wrap().returnType(),
                      c.getDeclaringRecord()))
              .getTarget()
              .invoke();
    } catch (Throwable e) {
      // A record of a module this one does not read: the slower public method handle still works.
      try {
        MethodHandle get =
            MethodHandles.publicLookup()
                .unreflect(c.getAccessor())
                .asType(MethodType.methodType(Object.class, Object.class));
        return record -> {
          try {
            return (Object) get.invokeExact(record);
          } catch (Throwable t) {
            throw new IllegalStateException("cannot read " + c.getName(), t);
          }
        };
      } catch (IllegalAccessException inaccessible) {
        inaccessible.addSuppressed(e);
        throw new IllegalStateException(
            "cannot access " + c.getDeclaringRecord().getName() + "." + c.getName(), inaccessible);
      }
    }
  }

  private static boolean expands(RecordComponent c) {
    Class<?> t = c.getType();
    return t.isRecord()
        && t != Money.class
        && !(c.getGenericType() instanceof ParameterizedType)
        && t.getPackageName().startsWith("dev.retailsync.api")
        && !CanonicalEntity.class.isAssignableFrom(t);
  }
}
