package id.dinsos.rentan.port;

import java.util.List;
import java.util.function.Function;

/** One page of a list and the opaque cursor of the next, null on the last page. */
public record Page<T>(List<T> items, String nextCursor) {
    /**
     * The longest cursor a list accepts. The cursors a list writes stay well below it (about 1,900
     * characters even for a kecamatan of 100 four-byte letters); a longer one was not written by us.
     */
    public static final int MAX_CURSOR_LENGTH = 2048;

    public Page {
        items = List.copyOf(items);
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), nextCursor);
    }
}
