package dev.retailsync.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Labeled data sets for the identity benchmark: parsing, locating, truth. */
final class IdentityData {
  private IdentityData() {}

  /** One labeled data set: rows (one or two sides), an id, a truth and a field mapping. */
  record Dataset(
      String name,
      List<Map<String, String>> left,
      List<Map<String, String>> right,
      Function<Map<String, String>, String> id,
      Function<Map<String, String>, String> truth,
      Map<String, String> fields) {
    boolean linkage() {
      return right != null;
    }

    List<Map<String, String>> all() {
      List<Map<String, String>> all = new ArrayList<>(left);
      if (right != null) {
        all.addAll(right);
      }
      return all;
    }
  }

  /**
   * Finds {@code shared/datasets}: {@code RETAILSYNC_DATASETS} if set, else {@code
   * ../shared/datasets} or {@code shared/datasets} from the working directory or any parent (the CI
   * clone has {@code shared/} beside the repository folder).
   */
  static Path datasets() {
    String env = System.getenv("RETAILSYNC_DATASETS");
    if (env != null && Files.isDirectory(Path.of(env))) {
      return Path.of(env);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      for (Path p : List.of(dir.resolve("../shared/datasets"), dir.resolve("shared/datasets"))) {
        if (Files.isDirectory(p.resolve("febrl"))) {
          return p.normalize();
        }
      }
    }
    throw new IllegalStateException(
        "shared/datasets not found beside or above "
            + Path.of("").toAbsolutePath()
            + "; set RETAILSYNC_DATASETS to its path");
  }

  /**
   * Reads a CSV file with a header: comma-separated, spaces after commas skipped, fields optionally
   * in double quotes (doubled quotes inside) or single quotes (the restaurant file's last column).
   */
  static List<Map<String, String>> csv(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Map<String, String>> rows = new ArrayList<>();
    List<String> header = null;
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      List<String> cells = split(line.replace("\r", ""));
      if (header == null) {
        header = cells;
        continue;
      }
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < header.size(); i++) {
        row.put(header.get(i), i < cells.size() ? cells.get(i) : "");
      }
      rows.add(row);
    }
    return rows;
  }

  static List<String> split(String line) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = line.length();
    while (i <= n) {
      while (i < n && line.charAt(i) == ' ') {
        i++;
      }
      StringBuilder sb = new StringBuilder();
      if (i < n && line.charAt(i) == '"') {
        i++;
        while (i < n) {
          char c = line.charAt(i);
          if (c == '"') {
            if (i + 1 < n && line.charAt(i + 1) == '"') {
              sb.append('"');
              i += 2;
              continue;
            }
            i++;
            break;
          }
          sb.append(c);
          i++;
        }
        while (i < n && line.charAt(i) != ',') {
          i++;
        }
      } else {
        while (i < n && line.charAt(i) != ',') {
          sb.append(line.charAt(i));
          i++;
        }
      }
      String v = sb.toString().strip();
      if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) {
        v = v.substring(1, v.length() - 1);
      }
      out.add(v);
      i++;
    }
    return out;
  }

  private static final Map<String, String> FEBRL_FIELDS =
      fields(
          "givenName=given_name",
          "familyName=surname",
          "houseNumber=street_number",
          "street=address_1",
          "addressLine2=address_2",
          "locality=suburb",
          "postcode=postcode",
          "region=state",
          "birthDate=date_of_birth",
          "taxId=soc_sec_id");

  static Map<String, String> fields(String... pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String p : pairs) {
      String[] kv = p.split("=", 2);
      m.put(kv[0].strip(), kv[1].strip());
    }
    return m;
  }

  private static String febrlTruth(Map<String, String> row) {
    String id = row.get("rec_id");
    return id.substring(4, id.indexOf('-', 4));
  }

  static Dataset febrl(Path root, String name, String... files) {
    Path dir = root.resolve("febrl");
    List<Map<String, String>> left = csv(dir.resolve(files[0]));
    List<Map<String, String>> right = files.length > 1 ? csv(dir.resolve(files[1])) : null;
    return new Dataset(
        name, left, right, r -> r.get("rec_id"), IdentityData::febrlTruth, FEBRL_FIELDS);
  }

  static Dataset census(Path root) {
    return new Dataset(
        "census (841)",
        csv(root.resolve("census/census.csv")),
        null,
        r -> "c" + r.get("rec_idx"),
        r -> r.get("true_id"),
        fields(
            "familyName=last_name",
            "givenName=first_name",
            "middleName=middle_initial",
            "houseNumber=house_number",
            "street=street"));
  }

  static Dataset restaurants(Path root) {
    List<Map<String, String>> rows = csv(root.resolve("restaurant-fodors-zagat/restaurant.csv"));
    for (int i = 0; i < rows.size(); i++) {
      rows.get(i).put("#row", "r" + i);
    }
    return new Dataset(
        "restaurants (864)",
        rows,
        null,
        r -> r.get("#row"),
        r -> r.get("class"),
        fields("organisationName=name", "street=addr", "locality=city", "phone=phone"));
  }
}
