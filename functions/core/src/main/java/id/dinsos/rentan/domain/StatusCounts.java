package id.dinsos.rentan.domain;

import java.util.EnumMap;
import java.util.Map;

/** How many registrations a programme holds in each status. {@code ACTIVE} never exceeds the quota. */
public record StatusCounts(Map<RegistrationStatus, Long> byStatus) {
    public StatusCounts {
        EnumMap<RegistrationStatus, Long> all = new EnumMap<>(RegistrationStatus.class);
        for (RegistrationStatus s : RegistrationStatus.values()) {
            all.put(s, Math.max(0L, byStatus.getOrDefault(s, 0L)));
        }
        byStatus = Map.copyOf(all);
    }

    public static StatusCounts empty() {
        return new StatusCounts(Map.of());
    }

    public long of(RegistrationStatus status) {
        return byStatus.get(status);
    }

    public long active() {
        return of(RegistrationStatus.ACTIVE);
    }
}
