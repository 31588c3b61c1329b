package dev.retailsync.benchmarks;

import dev.retailsync.api.CanonicalId;
import dev.retailsync.core.identity.Band;
import dev.retailsync.core.identity.Decision;
import dev.retailsync.core.identity.IdentityFields;
import dev.retailsync.core.identity.IdentityRecord;
import dev.retailsync.core.identity.IdentityResolver;
import dev.retailsync.core.identity.ResolverConfig;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The scale run: a seeded generator of synthetic customers (persons with e-mail, phone, address,
 * birth date; Zipf-like name frequencies; households sharing surname and address), an index of
 * {@code n} of them, then probes (half corrupted duplicates, half new people) resolved one by one.
 */
final class ScaleRun {
  private static final java.lang.management.ThreadMXBean THREADS =
      ManagementFactory.getThreadMXBean();

  private ScaleRun() {}

  private static final String[] GIVEN =
      ("james mary john patricia robert jennifer michael linda william elizabeth david barbara"
              + " richard susan joseph jessica thomas sarah charles karen christopher nancy daniel lisa"
              + " matthew betty anthony margaret mark sandra donald ashley steven kimberly paul emily"
              + " andrew donna joshua michelle kenneth dorothy kevin carol brian amanda george melissa"
              + " edward deborah ronald stephanie timothy rebecca jason sharon jeffrey laura ryan cynthia"
              + " jacob kathleen gary amy nicholas shirley eric angela jonathan helen stephen anna larry"
              + " brenda justin pamela scott nicole brandon emma benjamin samantha samuel katherine"
              + " gregory christine frank debra alexander rachel raymond catherine patrick carolyn jack"
              + " janet dennis ruth jerry maria tyler heather aaron diane jose virginia adam julie henry"
              + " joyce nathan victoria douglas olivia zachary kelly peter christina kyle lauren walter"
              + " joan ethan evelyn jeremy judith harold megan keith cheryl christian andrea roger hannah"
              + " noah martha gerald jacqueline carl frances terry gloria sean ann austin teresa arthur"
              + " kathryn lawrence sara jesse janice dylan jean bryan alice joe madison jordan doris"
              + " billy abigail bruce julia albert judy willie grace gabriel denise logan amber alan"
              + " marilyn juan beverly wayne danielle roy theresa ralph sophia randy marie eugene diana"
              + " vincent brittany russell natalie elijah isabella louis charlotte bobby rose philip"
              + " alexis johnny kayla lukas mia sofia leon jonas hanna emil ida felix clara oskar lina")
          .split(" ");

  private static final String[] ONSET =
      "b br c ch cl d dr f fr g gr h j k kl l m mc n o p pr r s sch sh st t tr v w wh z".split(" ");
  private static final String[] NUCLEUS = "a e i o u ai ea ee oo ou ie y".split(" ");
  private static final String[] CODA =
      "n r l s t m ck rd ng nd rt ll ss tt rn ld nt ff x".split(" ");
  private static final String[] SUFFIX =
      ",,,,son,er,man,ski,ez,ini,ova,berg,stein,ford,ton,well,ley,ham,by,sen".split(",", -1);
  private static final String[] STREET_TYPE =
      "street road avenue lane drive court place crescent way close".split(" ");
  private static final String[] DOMAIN =
      "gmail.com yahoo.com outlook.com web.de gmx.de icloud.com hotmail.com mail.com".split(" ");

  /** One synthetic person. */
  static final class Person {
    String given;
    String family;
    String dob;
    String email;
    String phone;
    String house;
    String street;
    String locality;
    String postcode;
  }

  static final class Generator {
    private final Random r;
    private final String[] localities = new String[3000];
    private final String[] postcodes = new String[3000];
    private final String[] streetNames = new String[20000];

    Generator(long seed) {
      r = new Random(seed);
      for (int i = 0; i < localities.length; i++) {
        localities[i] = word() + (r.nextInt(4) == 0 ? " " + word() : "");
        postcodes[i] = String.format(Locale.ROOT, "%05d", 10000 + r.nextInt(89999));
      }
      for (int i = 0; i < streetNames.length; i++) {
        streetNames[i] = word() + " " + STREET_TYPE[r.nextInt(STREET_TYPE.length)];
      }
    }

    private String word() {
      return ONSET[r.nextInt(ONSET.length)]
          + NUCLEUS[r.nextInt(NUCLEUS.length)]
          + CODA[r.nextInt(CODA.length)]
          + (r.nextBoolean()
              ? NUCLEUS[r.nextInt(NUCLEUS.length)] + CODA[r.nextInt(CODA.length)]
              : "");
    }

    /**
     * Skewed towards small indexes: with {@code power} 1.5 over 250 given names the commonest has
     * about 2.5% of people, with 2 over 200,000 family names the commonest about 0.2% (real
     * populations: about 3% and 1%).
     */
    private int skewed(int n, double power) {
      return (int) (n * Math.pow(r.nextDouble(), power));
    }

    private String family() {
      // A family name from a seeded, skewed space of about 200k names.
      Random fr = new Random(skewed(200_000, 2) * 7919L);
      String s = ONSET[fr.nextInt(ONSET.length)] + NUCLEUS[fr.nextInt(NUCLEUS.length)];
      s += CODA[fr.nextInt(CODA.length)] + SUFFIX[fr.nextInt(SUFFIX.length)];
      return s;
    }

    Person person() {
      Person p = new Person();
      p.given = GIVEN[skewed(GIVEN.length, 1.5)];
      p.family = family();
      p.dob =
          String.format(
              Locale.ROOT,
              "%04d-%02d-%02d",
              1935 + r.nextInt(70),
              1 + r.nextInt(12),
              1 + r.nextInt(28));
      if (r.nextInt(10) < 6) {
        p.email =
            p.given
                + "."
                + p.family
                + (r.nextBoolean() ? r.nextInt(100) : "")
                + "@"
                + DOMAIN[r.nextInt(DOMAIN.length)];
      }
      if (r.nextInt(10) < 7) {
        p.phone =
            String.format(Locale.ROOT, "+49 %d %07d", 30 + r.nextInt(900), r.nextInt(10_000_000));
      }
      int loc = r.nextInt(localities.length);
      p.locality = localities[loc];
      p.postcode = postcodes[loc];
      p.street = streetNames[r.nextInt(streetNames.length)];
      p.house = Integer.toString(1 + r.nextInt(200));
      return p;
    }

    /** Another member of p's household: same surname and address, different person. */
    Person householdMember(Person p) {
      Person q = person();
      q.family = p.family;
      q.street = p.street;
      q.house = p.house;
      q.locality = p.locality;
      q.postcode = p.postcode;
      if (r.nextBoolean()) {
        q.phone = p.phone;
      }
      return q;
    }

    /** A corrupted copy: typos, missing values, format changes, sometimes a move or new e-mail. */
    Person corrupt(Person p) {
      Person q = new Person();
      q.given = r.nextInt(10) < 2 ? typo(p.given) : p.given;
      q.family = r.nextInt(10) < 2 ? typo(p.family) : p.family;
      q.dob = r.nextInt(10) < 1 ? null : r.nextInt(20) == 0 ? swapDayMonth(p.dob) : p.dob;
      q.email = r.nextInt(10) < 2 ? null : p.email;
      q.phone =
          p.phone == null || r.nextInt(10) < 2
              ? null
              : r.nextBoolean() ? p.phone.replace("+49 ", "0") : p.phone.replace(" ", "-");
      boolean moved = r.nextInt(10) == 0;
      Person other = moved ? person() : p;
      q.street = r.nextInt(10) < 2 ? typo(other.street) : other.street;
      q.house = other.house;
      q.locality = other.locality;
      q.postcode = r.nextInt(20) == 0 ? null : other.postcode;
      return q;
    }

    private String typo(String s) {
      if (s.length() < 3) {
        return s;
      }
      char[] c = s.toCharArray();
      int i = 1 + r.nextInt(c.length - 2);
      switch (r.nextInt(3)) {
        case 0:
          char t = c[i];
          c[i] = c[i + 1];
          c[i + 1] = t;
          return new String(c);
        case 1:
          c[i] = (char) ('a' + r.nextInt(26));
          return new String(c);
        default:
          return s.substring(0, i) + s.substring(i + 1);
      }
    }

    private static String swapDayMonth(String dob) {
      return dob.substring(0, 5) + dob.substring(8, 10) + "-" + dob.substring(5, 7);
    }
  }

  static IdentityRecord record(String id, Person p) {
    return IdentityRecord.builder(id)
        .put(IdentityFields.GIVEN_NAME, p.given)
        .put(IdentityFields.FAMILY_NAME, p.family)
        .put(IdentityFields.BIRTH_DATE, p.dob)
        .put(IdentityFields.EMAIL, p.email)
        .put(IdentityFields.PHONE, p.phone)
        .put(IdentityFields.HOUSE_NUMBER, p.house)
        .put(IdentityFields.STREET, p.street)
        .put(IdentityFields.LOCALITY, p.locality)
        .put(IdentityFields.POSTCODE, p.postcode)
        .build();
  }

  static Map<String, Object> run(int n, int probes) {
    Generator g = new Generator(20261125L);
    Person[] people = new Person[n];
    for (int i = 0; i < n; i++) {
      people[i] = i > 0 && i % 10 == 0 ? g.householdMember(people[i - 1]) : g.person();
    }
    IdentityResolver resolver =
        IdentityResolver.create(ResolverConfig.customerDefaults("DE", java.time.Clock.systemUTC()));
    IdentityBenchmark.Measured<Long> build =
        IdentityBenchmark.measure(
            () -> {
              for (int i = 0; i < n; i++) {
                resolver.add(record("p" + i, people[i]), CanonicalId.of("c" + i));
              }
              return (long) n;
            });
    System.gc();
    long retained = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
    // Warm-up: 2,000 probes of their own, not measured, so that the resolve path is compiled
    // before it is timed (as any long-running host would have it).
    Random warm = new Random(11);
    long sink = 0;
    for (int i = 0; i < 2_000; i++) {
      Person p = i % 2 == 0 ? g.corrupt(people[warm.nextInt(n)]) : g.person();
      sink += resolver.resolve(record("w" + i, p)).explanation().fields().size();
    }
    if (sink == 42) {
      System.out.print("");
    }
    Random r = new Random(7);
    long[] nanos = new long[probes];
    long[] cpu = new long[probes];
    int tp = 0;
    int fp = 0;
    int fn = 0;
    int review = 0;
    for (int i = 0; i < probes; i++) {
      boolean dup = i % 2 == 0;
      int of = r.nextInt(n);
      Person p = dup ? g.corrupt(people[of]) : g.person();
      IdentityRecord rec = record("q" + i, p);
      long c0 = THREADS.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      Decision d = resolver.resolve(rec);
      nanos[i] = System.nanoTime() - t0;
      cpu[i] = THREADS.getCurrentThreadCpuTime() - c0;
      boolean match = d.band() == Band.MATCH;
      if (d.band() == Band.REVIEW) {
        review++;
      }
      if (match && dup && d.canonicalId().value().equals("c" + of)) {
        tp++;
      } else if (match) {
        fp++;
        if (dup) {
          fn++;
        }
      } else if (dup) {
        fn++;
      }
    }
    Arrays.sort(nanos);
    Arrays.sort(cpu);
    double precision = tp + fp == 0 ? 1 : (double) tp / (tp + fp);
    double recall = tp + fn == 0 ? 1 : (double) tp / (tp + fn);
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("case", String.format(Locale.ROOT, "synthetic %,d + %,d probes", n, probes));
    row.put("engine", "retail-sync identity");
    row.put("precision", precision);
    row.put("recall", recall);
    row.put("f1", 2 * precision * recall / (precision + recall));
    row.put("review", (long) review);
    row.put("index_build_s", build.seconds);
    row.put("p50_resolve_ms", nanos[probes / 2] / 1e6);
    row.put("p99_resolve_ms", nanos[(int) (probes * 0.99)] / 1e6);
    // CPU time of the resolving thread: the same figure without other processes' interference.
    row.put("p99_resolve_cpu_ms", cpu[(int) (probes * 0.99)] / 1e6);
    row.put("wall_s", build.seconds);
    row.put("peak_heap_mib", build.peakHeapMib);
    row.put("retained_heap_mib", retained);
    System.out.printf(
        "scale %,d: build %.1f s, p50 %.3f ms, p99 %.3f ms (cpu %.3f ms), heap retained %d MiB"
            + " (peak %d MiB), probes P %.4f R %.4f%n",
        n,
        build.seconds,
        nanos[probes / 2] / 1e6,
        nanos[(int) (probes * 0.99)] / 1e6,
        cpu[(int) (probes * 0.99)] / 1e6,
        retained,
        build.peakHeapMib,
        precision,
        recall);
    return row;
  }
}
