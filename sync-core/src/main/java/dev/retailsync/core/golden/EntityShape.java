package dev.retailsync.core.golden;

import dev.retailsync.api.CanonicalEntity;
import dev.retailsync.api.FieldPath;
import dev.retailsync.api.MappingException;
import dev.retailsync.api.ValidationException;
import dev.retailsync.api.model.Money;
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

/**
 * The shape of a canonical entity as a tree of fields: flattens an entity into its leaf values
 * keyed by field path and builds an entity back from them, through method handles on the record
 * components (no JSON in between, so merges stay cheap). Expanded groups are the model's nested
 * records except {@link Money}; lists and maps are single leaves; an empty collection counts as
 * absent, as does {@code null}. Custom fields become leaves {@code extensions.<name>}.
 *
 * <p>Thread-safe; one shape per class, cached.
 */
final class EntityShape<T> {
  private static final Map<Class<?>, EntityShape<?>> SHAPES = new ConcurrentHashMap<>();
  private static final Map<String, FieldPath> EXTENSION_PATHS = new ConcurrentHashMap<>();

  private final Class<T> type;
  private final Node root;
  private final List<FieldPath> leaves;

  /** One record component: a leaf, or a nested record with its own components. */
  private static final class Node {
    final FieldPath path;
    final MethodHandle accessor;
    final boolean extensions;
    final Class<?> recordType;
    final MethodHandle constructor;
    final Node[] children;

    Node(
        FieldPath path,
        MethodHandle accessor,
        boolean extensions,
        Class<?> recordType,
        MethodHandle constructor,
        Node[] children) {
      this.path = path;
      this.accessor = accessor;
      this.extensions = extensions;
      this.recordType = recordType;
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
    this.root = node(type, null, null, leafList);
    this.leaves = List.copyOf(leafList);
  }

  @SuppressWarnings("unchecked")
  static <T> EntityShape<T> of(Class<T> type) {
    return (EntityShape<T>) SHAPES.computeIfAbsent(type, t -> new EntityShape<>(t));
  }

  /** The leaf paths of the catalogue, without custom fields. */
  List<FieldPath> leaves() {
    return leaves;
  }

  /** Flattens an entity into its present leaves. */
  Map<FieldPath, Object> flatten(T entity) {
    Map<FieldPath, Object> out = new HashMap<>(64);
    flatten(root, entity, out);
    return out;
  }

  /** Builds an entity from leaves; absent groups become {@code null}. */
  T build(Map<FieldPath, Object> leaves) {
    try {
      return type.cast(build(root, leaves, true));
    } catch (ValidationException e) {
      throw e;
    } catch (Throwable e) {
      throw new MappingException(null, "cannot build " + type.getSimpleName() + ": " + e, e);
    }
  }

  private static void flatten(Node node, Object record, Map<FieldPath, Object> out) {
    for (Node c : node.children) {
      Object v;
      try {
        v = (Object) c.accessor.invokeExact(record);
      } catch (Throwable e) {
        throw new IllegalStateException("cannot read " + c.path, e);
      }
      if (v == null || v instanceof Collection<?> col && col.isEmpty()) {
        continue;
      }
      if (c.extensions) {
        for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
          out.put(extensionPath((String) e.getKey()), e.getValue());
        }
      } else if (c.isGroup()) {
        flatten(c, v, out);
      } else if (!(v instanceof Map<?, ?> m && m.isEmpty())) {
        out.put(c.path, v);
      }
    }
  }

  private static Object build(Node node, Map<FieldPath, Object> leaves, boolean root)
      throws Throwable {
    Object[] args = new Object[node.children.length];
    boolean any = false;
    for (int i = 0; i < args.length; i++) {
      Node c = node.children[i];
      Object v;
      if (c.extensions) {
        Map<String, Object> ext = new HashMap<>();
        for (Map.Entry<FieldPath, Object> e : leaves.entrySet()) {
          if (e.getKey().isExtension()) {
            ext.put(e.getKey().value().substring(FieldPath.EXTENSIONS.length() + 1), e.getValue());
          }
        }
        v = ext;
      } else if (c.isGroup()) {
        v = build(c, leaves, false);
      } else {
        v = leaves.get(c.path);
      }
      any |= v != null && !c.extensions;
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
      Class<?> type, FieldPath path, MethodHandle accessor, List<FieldPath> leafOut) {
    MethodHandles.Lookup lookup = MethodHandles.publicLookup();
    RecordComponent[] comps = type.getRecordComponents();
    Node[] children = new Node[comps.length];
    Class<?>[] types = new Class<?>[comps.length];
    try {
      for (int i = 0; i < comps.length; i++) {
        RecordComponent c = comps[i];
        types[i] = c.getType();
        // Adapted once to (Object)Object so that every read is an invokeExact, not an invoke that
        // converts types on each call.
        MethodHandle get =
            lookup
                .unreflect(c.getAccessor())
                .asType(MethodType.methodType(Object.class, Object.class));
        boolean ext = path == null && c.getName().equals(FieldPath.EXTENSIONS);
        FieldPath p = path == null ? FieldPath.of(c.getName()) : path.child(c.getName());
        if (ext) {
          children[i] = new Node(p, get, true, null, null, null);
        } else if (expands(c)) {
          children[i] = node(c.getType(), p, get, leafOut);
        } else {
          children[i] = new Node(p, get, false, null, null, null);
          leafOut.add(p);
        }
      }
      MethodHandle ctor =
          lookup
              .findConstructor(type, MethodType.methodType(void.class, types))
              .asSpreader(Object[].class, types.length)
              .asType(MethodType.methodType(Object.class, Object[].class));
      return new Node(path, accessor, false, type, ctor, children);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot access the components of " + type.getName(), e);
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
