package dev.retailsync.core.identity;

import java.text.Normalizer;
import java.util.Locale;

/** Case and diacritic folding shared by the normalisers. */
final class Text {
  private Text() {}

  /**
   * Folds case and diacritics, maps letters that do not decompose (ß, æ, ø, ł, ...) to their usual
   * ASCII spelling, turns every character that is neither a letter nor a digit into a space
   * (apostrophes are dropped so that O'Brien stays one word) and collapses spaces.
   */
  static String fold(String raw) {
    if (raw == null) {
      return "";
    }
    String s = Normalizer.normalize(raw, Normalizer.Form.NFKD);
    StringBuilder sb = new StringBuilder(s.length());
    boolean space = true;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      int type = Character.getType(c);
      if (type == Character.NON_SPACING_MARK
          || type == Character.ENCLOSING_MARK
          || type == Character.COMBINING_SPACING_MARK
          || c == '\''
          || c == '\u2019'
          || c == '`') {
        continue;
      }
      String mapped = special(c);
      if (mapped != null) {
        sb.append(mapped);
        space = false;
      } else if (Character.isLetterOrDigit(c)) {
        sb.append(Character.toLowerCase(c));
        space = false;
      } else if (!space) {
        sb.append(' ');
        space = true;
      }
    }
    int len = sb.length();
    if (len > 0 && sb.charAt(len - 1) == ' ') {
      sb.setLength(len - 1);
    }
    return sb.toString().toLowerCase(Locale.ROOT);
  }

  private static String special(char c) {
    switch (c) {
      case 'ß':
        return "ss";
      case 'æ':
      case 'Æ':
        return "ae";
      case 'ø':
      case 'Ø':
        return "o";
      case 'œ':
      case 'Œ':
        return "oe";
      case 'ł':
      case 'Ł':
        return "l";
      case 'đ':
      case 'Đ':
        return "d";
      case 'þ':
      case 'Þ':
        return "th";
      case 'ı':
        return "i";
      default:
        return null;
    }
  }

  static boolean hasDigit(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isDigit(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  static boolean hasLetter(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isLetter(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  static String digits(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
