package dev.railyard.rules.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class AffixTableTest {

  private static TreeSet<Integer> prefixes(String content, String... keys) {
    return lookup(false, content, keys);
  }

  private static TreeSet<Integer> suffixes(String content, String... keys) {
    return lookup(true, content, keys);
  }

  private static TreeSet<Integer> lookup(boolean suffix, String content, String... keys) {
    AffixTable.Builder builder = new AffixTable.Builder(suffix);
    for (int i = 0; i < keys.length; i++) {
      builder.add(keys[i], i);
    }
    TreeSet<Integer> found = new TreeSet<>();
    builder.build().lookup(content, found::add);
    return found;
  }

  @Test
  void shouldOfferAnEmptyPrefixForEveryStringEvenTheEmptyOne() {
    assertThat(prefixes("", "")).containsExactly(0);
    assertThat(prefixes("FULTON", "", "FU", "MA")).containsExactly(0, 1);
  }

  @Test
  void shouldOfferAPrefixEqualToTheWholeValue() {
    assertThat(prefixes("FULTON", "FULTON", "FULTONS", "FULTO")).containsExactly(0, 2);
  }

  @Test
  void shouldSeeTheClosingQuoteAfterTheValueAsEventRulerDoes() {
    assertThat(prefixes("ab", "ab\"", "a\"", "abc\"")).containsExactly(0);
    assertThat(prefixes("abc", "ab\"")).isEmpty();
    assertThat(suffixes("ab", "\"ab", "\"b", "\"cab")).containsExactly(0);
    assertThat(suffixes("cab", "\"ab")).isEmpty();
  }

  @Test
  void shouldOfferSuffixesFromTheEnd() {
    assertThat(suffixes("JEFFERSON", "ON", "SON", "N", "", "ONS", "JEFFERSON"))
        .containsExactly(0, 1, 2, 3, 5);
  }

  @Test
  void shouldMatchSuffixesEndingInASurrogatePair() {
    assertThat(suffixes("a😀", "😀", "a😀", "\"a😀", "x😀")).containsExactly(0, 1, 2);
  }

  @Test
  void shouldFileSeveralBranchesUnderOneKey() {
    AffixTable.Builder builder = new AffixTable.Builder(false);
    builder.add("MA", 4);
    builder.add("MA", 9);
    List<Integer> found = new ArrayList<>();
    builder.build().lookup("MASON", found::add);
    assertThat(found).containsExactly(4, 9);
  }

  @Test
  void shouldFindExactlyTheKeysABruteForceScanFinds() {
    Random random = new Random(11);
    for (int round = 0; round < 200; round++) {
      boolean suffix = random.nextBoolean();
      String[] keys = new String[1 + random.nextInt(300)];
      for (int i = 0; i < keys.length; i++) {
        keys[i] = word(random, 4);
      }
      for (int e = 0; e < 50; e++) {
        String content = word(random, 6);
        TreeSet<Integer> expected = new TreeSet<>();
        for (int i = 0; i < keys.length; i++) {
          boolean match =
              suffix ? ('"' + content).endsWith(keys[i]) : (content + '"').startsWith(keys[i]);
          if (match) {
            expected.add(i);
          }
        }
        assertThat(lookup(suffix, content, keys)).as("%s in %s", content, keys).isEqualTo(expected);
      }
    }
  }

  /** Short words over a small alphabet with a quote and a non-Latin letter, so keys collide. */
  private static String word(Random random, int maxLength) {
    String alphabet = "ab\"é名😀";
    StringBuilder sb = new StringBuilder();
    for (int i = random.nextInt(maxLength + 1); i > 0; i--) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }
}
