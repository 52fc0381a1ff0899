package id.dinsos.rentan.domain;

/**
 * The ids the programme gives out: registrations and claim checks are named by
 * {@code UUID.randomUUID().toString()}, so an id is always a canonical UUID (36 characters,
 * lower-case hex in groups of 8-4-4-4-12). Text of any other shape names nothing the programme
 * made: a use case answers "not found" for it without reading, and it never reaches a key.
 */
public final class Ids {
    /** The length of a canonical UUID. */
    public static final int LENGTH = 36;

    private Ids() {
    }

    /** True when {@code text} is a canonical UUID, the only shape of id the programme gives out. */
    public static boolean isId(String text) {
        if (text == null || text.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = text.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
