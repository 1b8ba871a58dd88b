package dev.railyard.rules.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NumbersTest {

  /**
   * event-ruler's definition, with BigDecimal: the number is comparable when valueOf(double) equals
   * it.
   */
  private static double reference(String text) {
    try {
      BigDecimal exact = new BigDecimal(text);
      double d = exact.doubleValue();
      if (Double.isInfinite(d) || BigDecimal.valueOf(d).compareTo(exact) != 0) {
        return Double.NaN;
      }
      return d == 0 ? 0.0 : d;
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  @Test
  void shouldDecideComparabilityExactlyLikeBigDecimal() {
    Random r = new Random(5);
    for (int i = 0; i < 300_000; i++) {
      String text = sample(r);
      assertThat(Double.valueOf(Numbers.comparable(text)))
          .as(text)
          .isEqualTo(Double.valueOf(reference(text)));
    }
  }

  @Test
  void shouldHandleTheEdgeCasesByName() {
    assertThat(Numbers.comparable("300")).isEqualTo(300.0);
    assertThat(Numbers.comparable("3.0e2")).isEqualTo(300.0);
    assertThat(Numbers.comparable("-0")).isEqualTo(0.0);
    assertThat(Numbers.comparable("9007199254740993")).isNaN();
    assertThat(Numbers.comparable("5e-324")).isNaN();
    assertThat(Numbers.comparable("4.9E-324")).isEqualTo(Double.MIN_VALUE);
    assertThat(Numbers.comparable("1e400")).isNaN();
    assertThat(Numbers.comparable("1.7976931348623157e308")).isEqualTo(Double.MAX_VALUE);
  }

  private static String sample(Random r) {
    switch (r.nextInt(6)) {
      case 0:
        return Long.toString(r.nextLong() >> r.nextInt(64));
      case 1:
        return Double.toString(Double.longBitsToDouble(r.nextLong()))
            .replace("Infinity", "1e309")
            .replace("NaN", "0");
      case 2:
        return new BigDecimal(r.nextDouble() * Math.pow(10, r.nextInt(60) - 30)).toString();
      case 3:
        return (r.nextBoolean() ? "-" : "")
            + r.nextInt(100000)
            + "."
            + r.nextInt(100000)
            + "e"
            + (r.nextInt(80) - 40);
      case 4:
        return String.format("%." + r.nextInt(20) + "f", (r.nextDouble() - 0.5) * 1e6);
      default:
        return (r.nextInt(1000) - 500)
            + "."
            + String.format("%017d", Math.abs(r.nextLong()) % 100000000000000000L);
    }
  }
}
