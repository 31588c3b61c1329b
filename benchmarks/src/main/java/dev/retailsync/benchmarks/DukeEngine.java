package dev.retailsync.benchmarks;

import dev.retailsync.benchmarks.IdentityData.Dataset;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import no.priv.garshol.duke.ConfigLoader;
import no.priv.garshol.duke.Configuration;
import no.priv.garshol.duke.DataSource;
import no.priv.garshol.duke.Processor;
import no.priv.garshol.duke.Record;
import no.priv.garshol.duke.RecordImpl;
import no.priv.garshol.duke.cleaners.LowerCaseNormalizeCleaner;
import no.priv.garshol.duke.datasources.InMemoryDataSource;
import no.priv.garshol.duke.matchers.AbstractMatchListener;

/**
 * Duke 1.2 driven in-process: a configuration (schema only) from XML, records built from the same
 * parsed rows our engine reads, every non-id value through Duke's LowerCaseNormalizeCleaner, links
 * collected from its match listener.
 */
final class DukeEngine {
  private DukeEngine() {}

  /** Loads a configuration from a classpath resource. */
  static Configuration resource(String name, double threshold) {
    try (InputStream in = DukeEngine.class.getResourceAsStream("/identity/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource /identity/" + name);
      }
      return load(new String(in.readAllBytes(), StandardCharsets.UTF_8), threshold);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A default Duke configuration built from a field list, the way a user would write one without
   * tuning: names and free text with Jaro-Winkler or Levenshtein, ids with Levenshtein, codes
   * exact; every informative field is a lookup key (Duke's multi-key style); threshold 0.90.
   */
  static Configuration defaults(Map<String, String> fields) {
    StringBuilder sb = new StringBuilder("<duke><schema><threshold>0.90</threshold>");
    sb.append("<maybe-threshold>0.70</maybe-threshold>");
    sb.append("<property type=\"id\"><name>ID</name></property>");
    for (Map.Entry<String, String> f : fields.entrySet()) {
      String comparator;
      double low;
      double high;
      boolean lookup = true;
      switch (f.getKey()) {
        case "givenName":
        case "familyName":
          comparator = "JaroWinkler";
          low = 0.3;
          high = 0.9;
          break;
        case "organisationName":
        case "street":
        case "addressLine2":
        case "locality":
          comparator = "Levenshtein";
          low = 0.3;
          high = 0.8;
          break;
        case "birthDate":
        case "taxId":
        case "email":
        case "phone":
          comparator = "Levenshtein";
          low = 0.2;
          high = 0.9;
          break;
        default:
          comparator = "ExactComparator";
          low = 0.35;
          high = 0.65;
          lookup = false;
      }
      sb.append(
          String.format(
              Locale.ROOT,
              "<property lookup=\"%s\"><name>%s</name>"
                  + "<comparator>no.priv.garshol.duke.comparators.%s</comparator>"
                  + "<low>%.2f</low><high>%.2f</high></property>",
              lookup,
              property(f.getValue()),
              comparator,
              low,
              high));
    }
    sb.append("</schema></duke>");
    return load(sb.toString(), 0.90);
  }

  private static Configuration load(String xml, double threshold) {
    try {
      Path tmp = Files.createTempFile("duke", ".xml");
      Files.writeString(tmp, xml, StandardCharsets.UTF_8);
      Configuration c = ConfigLoader.load(tmp.toString());
      Files.delete(tmp);
      c.setThreshold(threshold);
      return c;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (org.xml.sax.SAXException e) {
      throw new IllegalStateException(e);
    }
  }

  static String property(String column) {
    return column.strip().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
  }

  /** Runs Duke on a data set and returns its links as pairs of ids. */
  static Set<List<String>> run(Configuration config, Dataset d) {
    LowerCaseNormalizeCleaner cleaner = new LowerCaseNormalizeCleaner();
    Set<String> properties = new HashSet<>();
    config.getProperties().forEach(p -> properties.add(p.getName()));
    Set<List<String>> links = new HashSet<>();
    Processor processor = new Processor(config);
    processor.addMatchListener(
        new AbstractMatchListener() {
          @Override
          public void matches(Record r1, Record r2, double confidence) {
            String a = r1.getValue("ID");
            String b = r2.getValue("ID");
            synchronized (links) {
              links.add(a.compareTo(b) < 0 ? List.of(a, b) : List.of(b, a));
            }
          }
        });
    try {
      if (d.linkage()) {
        processor.link(
            List.of(source(d.left(), d, properties, cleaner)),
            List.of(source(d.right(), d, properties, cleaner)),
            true,
            40_000);
      } else {
        processor.deduplicate(List.of(source(d.left(), d, properties, cleaner)), 40_000);
      }
    } finally {
      processor.close();
    }
    return links;
  }

  private static DataSource source(
      List<Map<String, String>> rows,
      Dataset d,
      Set<String> properties,
      LowerCaseNormalizeCleaner cleaner) {
    List<Record> records = new ArrayList<>(rows.size());
    for (Map<String, String> row : rows) {
      Map<String, java.util.Collection<String>> values = new HashMap<>();
      values.put("ID", List.of(d.id().apply(row)));
      for (Map.Entry<String, String> c : row.entrySet()) {
        String p = property(c.getKey());
        if (!properties.contains(p) || p.equals("ID")) {
          continue;
        }
        String v = cleaner.clean(c.getValue());
        if (v != null && !v.isEmpty()) {
          values.put(p, List.of(v));
        }
      }
      records.add(new RecordImpl(values));
    }
    return new InMemoryDataSource(records);
  }
}
