package dev.retailsync.core.identity;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The standard {@link Normaliser}s. Every one folds case, and the text ones fold diacritics too
 * ({@code "Müller"} and {@code "MULLER"} normalise alike). None throws: a value it cannot use is
 * missing, with the reason.
 *
 * <p>This class only has static factories; the normalisers it returns are immutable and
 * thread-safe.
 */
public final class Normalisers {
  private Normalisers() {}

  private static final Pattern SPACE = Pattern.compile(" ");

  /**
   * Returns a normaliser that folds case and diacritics, turns punctuation into spaces and
   * collapses them.
   *
   * @return the normaliser
   */
  public static Normaliser text() {
    return raw -> Normalised.of(Text.fold(raw));
  }

  /**
   * Returns a normaliser for short codes (house numbers, regions, country codes): folded text
   * without spaces.
   *
   * @return the normaliser
   */
  public static Normaliser code() {
    return raw -> Normalised.of(Text.fold(raw).replace(" ", ""));
  }

  /**
   * Returns an e-mail normaliser that trims, lower-cases and checks the shape {@code local@domain}.
   * It applies no provider-specific rules; see {@link #email(boolean)}.
   *
   * @return the normaliser
   */
  public static Normaliser email() {
    return email(false);
  }

  /**
   * Returns an e-mail normaliser. With {@code providerRules}, addresses at providers that ignore
   * dots and plus-tags are reduced to the mailbox they deliver to ({@code
   * "John.Doe+shop@googlemail.com"} becomes {@code "johndoe@gmail.com"}; plus-tags are dropped at
   * Gmail, Outlook/Hotmail/Live, iCloud, Fastmail and Proton). It is an opt-in because it asserts
   * something about other companies' mail servers that may change.
   *
   * @param providerRules whether to apply the provider rules
   * @return the normaliser
   */
  public static Normaliser email(boolean providerRules) {
    return raw -> {
      String s = raw.strip().toLowerCase(Locale.ROOT);
      if (s.startsWith("mailto:")) {
        s = s.substring(7);
      }
      if (s.isEmpty()) {
        return Normalised.missing("blank");
      }
      int at = s.indexOf('@');
      if (at < 0) {
        return Normalised.missing("not an e-mail address: no '@'");
      }
      if (at == 0 || at == s.length() - 1 || s.indexOf('@', at + 1) >= 0) {
        return Normalised.missing("not an e-mail address: needs one '@' between text");
      }
      for (int i = 0; i < s.length(); i++) {
        if (Character.isWhitespace(s.charAt(i))) {
          return Normalised.missing("not an e-mail address: contains spaces");
        }
      }
      String local = s.substring(0, at);
      String domain = s.substring(at + 1);
      if (domain.indexOf('.') <= 0 || domain.endsWith(".")) {
        return Normalised.missing("not an e-mail address: the domain has no dot");
      }
      if (providerRules) {
        if (domain.equals("googlemail.com")) {
          domain = "gmail.com";
        }
        if (PLUS_TAG_PROVIDERS.contains(domain)) {
          int plus = local.indexOf('+');
          if (plus > 0) {
            local = local.substring(0, plus);
          }
        }
        if (domain.equals("gmail.com")) {
          local = local.replace(".", "");
        }
      }
      return Normalised.of(local + "@" + domain);
    };
  }

  private static final Set<String> PLUS_TAG_PROVIDERS =
      Set.of(
          "gmail.com",
          "outlook.com",
          "hotmail.com",
          "live.com",
          "icloud.com",
          "me.com",
          "fastmail.com",
          "proton.me",
          "protonmail.com");

  /**
   * Returns a phone normaliser that parses with Google's libphonenumber and formats as E.164
   * ({@code "+4930123456"}). Numbers without a country code are read as numbers of {@code
   * defaultRegion}; when there is none (or the number does not parse) the value is the digits
   * alone, which still compares on its trailing digits. A value with letters, or with fewer than
   * six digits, is missing.
   *
   * @param defaultRegion an ISO 3166-1 alpha-2 region such as {@code "DE"}, or {@code null}
   * @return the normaliser
   */
  public static Normaliser phone(String defaultRegion) {
    String region = defaultRegion == null ? "ZZ" : defaultRegion.toUpperCase(Locale.ROOT);
    PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    return raw -> {
      String s = EXTENSION.matcher(raw.strip()).replaceFirst("");
      if (s.isEmpty()) {
        return Normalised.missing("blank");
      }
      for (int i = 0; i < s.length(); i++) {
        if (Character.isLetter(s.charAt(i))) {
          return Normalised.missing("not a telephone number: contains letters");
        }
      }
      String digits = Text.digits(s);
      if (digits.length() < 6) {
        return Normalised.missing("not a telephone number: fewer than six digits");
      }
      if (s.startsWith("00")) {
        s = "+" + s.substring(2);
      }
      try {
        PhoneNumber n = util.parse(s, region);
        if (util.isPossibleNumber(n)) {
          return Normalised.of(util.format(n, PhoneNumberUtil.PhoneNumberFormat.E164));
        }
      } catch (NumberParseException e) {
        // No country code and no default region, or not a number libphonenumber knows: fall back.
      }
      return Normalised.of(digits);
    };
  }

  private static final Pattern EXTENSION =
      Pattern.compile("(?i)\\s*(ext\\.?|extension|x)\\s*\\d{1,6}$");

  /**
   * Returns a person-name normaliser: folded text without titles (Mr, Dr, Prof, Herr, Mme, ...) and
   * suffixes (Jr, Sr, III, PhD, ...), so {@code "Dr. José Núñez Jr."} becomes {@code "jose nunez"}.
   * A name that is only a title is missing.
   *
   * @return the normaliser
   */
  public static Normaliser personName() {
    return raw -> {
      String folded = Text.fold(raw);
      if (folded.isEmpty()) {
        return Normalised.missing("blank");
      }
      List<String> kept = new ArrayList<>();
      for (String t : SPACE.split(folded)) {
        if (!TITLES.contains(t) && !SUFFIXES.contains(t)) {
          kept.add(t);
        }
      }
      if (kept.isEmpty()) {
        return Normalised.missing("only a title or suffix");
      }
      if (!Text.hasLetter(String.join("", kept))) {
        return Normalised.missing("not a name: no letters");
      }
      return Normalised.of(String.join(" ", kept));
    };
  }

  private static final Set<String> TITLES =
      Set.of(
          "mr",
          "mrs",
          "ms",
          "miss",
          "mx",
          "dr",
          "prof",
          "professor",
          "sir",
          "dame",
          "lord",
          "lady",
          "rev",
          "revd",
          "herr",
          "frau",
          "fraulein",
          "hr",
          "fr",
          "mme",
          "mlle",
          "sra",
          "srta",
          "dott",
          "sig",
          "sigra",
          "dipl",
          "ing",
          "mag");

  private static final Set<String> SUFFIXES =
      Set.of(
          "jr", "jnr", "junior", "sen", "snr", "senior", "ii", "iii", "iv", "phd", "md", "esq",
          "mba", "dds", "cpa");

  /**
   * Returns an organisation-name normaliser: folded text, {@code &} read as {@code and}, a leading
   * {@code the} and trailing legal forms removed ({@code "ACME Widgets GmbH & Co. KG"} becomes
   * {@code "acme widgets"}, {@code "Acme, Inc."} becomes {@code "acme"}).
   *
   * @return the normaliser
   */
  public static Normaliser organisationName() {
    return raw -> {
      String folded = Text.fold(raw.replace("&", " and "));
      if (folded.isEmpty()) {
        return Normalised.missing("blank");
      }
      List<String> t = new ArrayList<>(Arrays.asList(SPACE.split(folded)));
      if (t.size() > 1 && t.get(0).equals("the")) {
        t.remove(0);
      }
      boolean removed = true;
      while (removed && t.size() > 1) {
        removed = false;
        for (int n = Math.min(3, t.size() - 1); n >= 1; n--) {
          String tail = String.join(" ", t.subList(t.size() - n, t.size()));
          if (LEGAL_FORMS.contains(tail)) {
            t.subList(t.size() - n, t.size()).clear();
            removed = true;
            break;
          }
        }
        if (!removed && t.size() > 1 && t.get(t.size() - 1).equals("and")) {
          t.remove(t.size() - 1);
          removed = true;
        }
      }
      return Normalised.of(String.join(" ", t));
    };
  }

  private static final Set<String> LEGAL_FORMS =
      Set.of(
          "inc",
          "incorporated",
          "corp",
          "corporation",
          "co",
          "company",
          "llc",
          "l l c",
          "llp",
          "lp",
          "ltd",
          "limited",
          "plc",
          "pty",
          "pty ltd",
          "gmbh",
          "mbh",
          "ag",
          "kg",
          "co kg",
          "ohg",
          "ug",
          "e v",
          "ev",
          "eg",
          "se",
          "sa",
          "s a",
          "sas",
          "sarl",
          "s a r l",
          "srl",
          "s r l",
          "spa",
          "s p a",
          "bv",
          "b v",
          "nv",
          "n v",
          "ab",
          "as",
          "a s",
          "asa",
          "oy",
          "oyj",
          "aps",
          "sl",
          "s l",
          "kk",
          "sp z o o",
          "s r o",
          "kft",
          "zrt",
          "doo",
          "d o o",
          "pte ltd",
          "pte",
          "bhd",
          "sdn bhd");

  /**
   * Returns a street normaliser: folded text with common abbreviations spelled out ({@code St} to
   * {@code street}, {@code Blvd} to {@code boulevard}, {@code Str.}/{@code Straße} to {@code
   * strasse}, compass points) and unit designators ({@code Apt}, {@code Suite}, {@code Flat},
   * {@code #}) reduced to {@code unit}.
   *
   * @return the normaliser
   */
  public static Normaliser street() {
    return raw -> {
      String folded = Text.fold(raw.replace("#", " unit "));
      if (folded.isEmpty()) {
        return Normalised.missing("blank");
      }
      String[] t = SPACE.split(folded);
      StringBuilder sb = new StringBuilder(folded.length() + 8);
      for (int i = 0; i < t.length; i++) {
        String w = t[i];
        String full = STREET_WORDS.get(w);
        if (full != null) {
          w = full;
        } else if (ORDINAL.matcher(w).matches()) {
          w = w.substring(0, w.length() - 2);
        } else if (w.endsWith("str") && w.length() > 5) {
          w = w.substring(0, w.length() - 3) + "strasse";
        }
        if (sb.length() > 0) {
          sb.append(' ');
        }
        sb.append(w);
      }
      return Normalised.of(sb.toString());
    };
  }

  private static final Pattern ORDINAL = Pattern.compile("\\d+(st|nd|rd|th)");

  private static final Map<String, String> STREET_WORDS =
      Map.ofEntries(
          Map.entry("st", "street"),
          Map.entry("str", "strasse"),
          Map.entry("strase", "strasse"),
          Map.entry("rd", "road"),
          Map.entry("ave", "avenue"),
          Map.entry("av", "avenue"),
          Map.entry("blvd", "boulevard"),
          Map.entry("blv", "boulevard"),
          Map.entry("bd", "boulevard"),
          Map.entry("dr", "drive"),
          Map.entry("ln", "lane"),
          Map.entry("ct", "court"),
          Map.entry("crt", "court"),
          Map.entry("pl", "place"),
          Map.entry("sq", "square"),
          Map.entry("hwy", "highway"),
          Map.entry("pkwy", "parkway"),
          Map.entry("pky", "parkway"),
          Map.entry("cres", "crescent"),
          Map.entry("cr", "crescent"),
          Map.entry("tce", "terrace"),
          Map.entry("ter", "terrace"),
          Map.entry("cir", "circuit"),
          Map.entry("cct", "circuit"),
          Map.entry("cl", "close"),
          Map.entry("gr", "grove"),
          Map.entry("pde", "parade"),
          Map.entry("esp", "esplanade"),
          Map.entry("mt", "mount"),
          Map.entry("ft", "fort"),
          Map.entry("n", "north"),
          Map.entry("s", "south"),
          Map.entry("e", "east"),
          Map.entry("w", "west"),
          Map.entry("ne", "northeast"),
          Map.entry("nw", "northwest"),
          Map.entry("se", "southeast"),
          Map.entry("sw", "southwest"),
          Map.entry("apt", "unit"),
          Map.entry("apartment", "unit"),
          Map.entry("ste", "unit"),
          Map.entry("suite", "unit"),
          Map.entry("flat", "unit"),
          Map.entry("no", "unit"),
          Map.entry("nr", "unit"),
          Map.entry("nth", "north"));

  /**
   * Returns a postcode normaliser: upper case without spaces or hyphens ({@code "sw1a 1aa"} becomes
   * {@code "SW1A1AA"}); a nine-digit US ZIP+4 keeps its five-digit ZIP.
   *
   * @return the normaliser
   */
  public static Normaliser postcode() {
    return raw -> {
      String s = Text.fold(raw).replace(" ", "").toUpperCase(Locale.ROOT);
      if (s.isEmpty()) {
        return Normalised.missing("blank");
      }
      if (!Text.hasDigit(s)) {
        return Normalised.missing("not a postcode: no digits");
      }
      if (s.length() == 9 && Text.digits(s).length() == 9) {
        s = s.substring(0, 5);
      }
      return Normalised.of(s);
    };
  }

  /**
   * Returns a tax-id normaliser: upper case without spaces, dots, hyphens or slashes ({@code "DE
   * 123 456 789"} and {@code "de123456789"} alike). A value without digits or shorter than five
   * characters is missing.
   *
   * @return the normaliser
   */
  public static Normaliser taxId() {
    return raw -> {
      String s = Text.fold(raw).replace(" ", "").toUpperCase(Locale.ROOT);
      if (s.isEmpty()) {
        return Normalised.missing("blank");
      }
      if (!Text.hasDigit(s) || s.length() < 5) {
        return Normalised.missing("not a tax id: too short or no digits");
      }
      return Normalised.of(s);
    };
  }

  /**
   * Returns a birth-date normaliser producing {@code yyyyMMdd}. It reads ISO dates ({@code
   * 1980-04-21}), compact dates ({@code 19800421}) and day-first dates ({@code 21.04.1980}, {@code
   * 21/04/1980}; a slash date whose second part cannot be a month is read month-first). A date in
   * the future or before 1900 is missing. Eight digits that are no calendar date (a typo such as
   * {@code 19800231}) are kept as they are, so that they still compare by edit distance.
   *
   * @param clock the clock that says what "the future" is
   * @return the normaliser
   */
  public static Normaliser birthDate(Clock clock) {
    Objects.requireNonNull(clock, "clock");
    return raw -> {
      String s = raw.strip();
      if (s.isEmpty()) {
        return Normalised.missing("blank");
      }
      int y;
      int m;
      int d;
      String[] parts = s.split("[-./ ]+");
      if (parts.length == 1 && s.length() == 8 && Text.digits(s).length() == 8) {
        int head = Integer.parseInt(s.substring(0, 4));
        if (head >= 1800 && head <= 2200) {
          y = head;
          m = Integer.parseInt(s.substring(4, 6));
          d = Integer.parseInt(s.substring(6, 8));
        } else {
          d = Integer.parseInt(s.substring(0, 2));
          m = Integer.parseInt(s.substring(2, 4));
          y = Integer.parseInt(s.substring(4, 8));
        }
      } else if (parts.length == 3 && allDigits(parts)) {
        if (parts[0].length() == 4) {
          y = Integer.parseInt(parts[0]);
          m = Integer.parseInt(parts[1]);
          d = Integer.parseInt(parts[2]);
        } else if (parts[2].length() == 4) {
          y = Integer.parseInt(parts[2]);
          int a = Integer.parseInt(parts[0]);
          int b = Integer.parseInt(parts[1]);
          if (b > 12 && a <= 12) {
            m = a;
            d = b;
          } else {
            d = a;
            m = b;
          }
        } else {
          return Normalised.missing("not a date: needs a four-digit year");
        }
      } else {
        return Normalised.missing("not a date");
      }
      String compact = String.format(Locale.ROOT, "%04d%02d%02d", y, m, d);
      LocalDate date;
      try {
        date = LocalDate.of(y, m, d);
      } catch (DateTimeException e) {
        if (y >= 1900 && y <= LocalDate.now(clock).getYear()) {
          return Normalised.of(compact);
        }
        return Normalised.missing("not a date");
      }
      if (date.isAfter(LocalDate.now(clock))) {
        return Normalised.missing("birth date in the future");
      }
      if (date.getYear() < 1900) {
        return Normalised.missing("birth date before 1900");
      }
      return Normalised.of(compact);
    };
  }

  private static boolean allDigits(String[] parts) {
    for (String p : parts) {
      if (p.isEmpty() || Text.digits(p).length() != p.length()) {
        return false;
      }
    }
    return true;
  }
}
