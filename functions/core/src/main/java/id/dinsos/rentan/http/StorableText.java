package id.dinsos.rentan.http;

/**
 * Text a caller may have stored: no NUL or other control character but tab, line feed and carriage
 * return, and no unpaired surrogate (half of a character outside the Basic Multilingual Plane, which
 * is not text at all and breaks UTF-8 encoders downstream). Checked on every text field of the JSON
 * bodies and of the CSV imports; refused as {@value #CODE}.
 */
public final class StorableText {
    public static final String CODE = "INVALID_CHARACTERS";
    public static final String MESSAGE = "Contains a character that cannot be stored: NUL or another control character, "
            + "or half of a surrogate pair.";

    private StorableText() {
    }

    public static boolean isStorable(String text) {
        if (text == null) {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return false;
            }
            if (Character.isLowSurrogate(c)) {
                return false;
            }
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
                return false;
            }
        }
        return true;
    }

    /** The text with every character {@link #isStorable} refuses replaced by U+FFFD, to echo a caller's text safely. */
    public static String printable(String text) {
        if (isStorable(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c) || (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
                out.append('\uFFFD');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
