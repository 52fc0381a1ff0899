package id.dinsos.rentan.domain;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A staff search by name: case-insensitive and accent-insensitive, each word of the search found in the
 * full name (as a substring, so a word's beginning is enough: "siti am" finds "Siti Aminah", "AMINAH"
 * and "Aminah Siti" too). Names are compared in their {@linkplain #normalise normal form}, which each
 * registration also stores when it is written, so the store can filter on it.
 *
 * <p>{@code toString()} never shows the searched text: a name must not reach a log.
 *
 * @param words the normalised words searched for, each at least one letter or digit
 */
public record NameSearch(List<String> words) {
    /** At least this many letters or digits in a search. */
    public static final int MIN_LETTERS = 2;
    /** At most this many characters, as typed: as long as the longest full name a registration may have. */
    public static final int MAX_LENGTH = 100;

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    /** Apostrophes join (Ma'ruf is maruf); every other character that is not a letter or digit separates words. */
    private static final Pattern APOSTROPHES = Pattern.compile("['\u2018\u2019\u02BC`\u00B4]");
    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

    public NameSearch {
        words = List.copyOf(words);
        if (words.isEmpty() || words.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("a name search has words");
        }
    }

    /**
     * The search for what was typed, or the problem with it: empty of letters and digits, fewer than
     * {@value #MIN_LETTERS} of them, or longer than {@value #MAX_LENGTH} characters.
     */
    public static NameSearch of(String typed) {
        if (problemWith(typed) != null) {
            throw new IllegalArgumentException("not a name search");
        }
        return new NameSearch(Arrays.stream(normalise(typed).split(" ")).distinct().toList());
    }

    /** Why {@code typed} is not a search ({@code TOO_LONG}, {@code TOO_SHORT}), or null when it is one. */
    public static String problemWith(String typed) {
        if (typed == null) {
            return "TOO_SHORT";
        }
        if (typed.length() > MAX_LENGTH) {
            return "TOO_LONG";
        }
        return normalise(typed).replace(" ", "").length() < MIN_LETTERS ? "TOO_SHORT" : null;
    }

    /**
     * A name as it is compared: accents taken off (é is e), lower case, apostrophes dropped, and every run
     * of other characters that are not letters or digits one space. "Siti  Aminah" and "SITI AMINAH" are
     * both {@code siti aminah}; "Ma'ruf Amín" is {@code maruf amin}.
     */
    public static String normalise(String name) {
        String bare = MARKS.matcher(Normalizer.normalize(name, Normalizer.Form.NFD)).replaceAll("");
        String joined = APOSTROPHES.matcher(bare.toLowerCase(Locale.ROOT)).replaceAll("");
        return SEPARATORS.matcher(joined).replaceAll(" ").trim();
    }

    /** Every word of the search occurs in the name. */
    public boolean matches(String fullName) {
        return matchesNormalised(normalise(fullName));
    }

    /** As {@link #matches}, for a name already in its normal form. */
    public boolean matchesNormalised(String normalisedName) {
        return words.stream().allMatch(normalisedName::contains);
    }

    @Override
    public String toString() {
        return "NameSearch[" + words.size() + " words]";
    }
}
