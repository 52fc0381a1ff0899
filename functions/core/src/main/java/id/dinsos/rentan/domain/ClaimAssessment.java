package id.dinsos.rentan.domain;

import java.util.List;

/**
 * The answer of a claim check. {@code total} adds the fixed amounts only: medical care is as needed
 * and transport is a ceiling, so neither is in it.
 */
public record ClaimAssessment(boolean eligible, List<Benefit> benefits, long total, List<ClaimReason> reasons,
                              int consecutivePaidMonths, boolean coveredOnEventDate, String ruleVersion, Scholarship scholarship) {
    public ClaimAssessment {
        benefits = List.copyOf(benefits);
        reasons = List.copyOf(reasons);
    }

    /** One itemised benefit: an amount, or none when it is paid as medically needed; {@code ceiling} when "up to". */
    public record Benefit(String code, Long amount, boolean ceiling) {
        public static Benefit fixed(String code, long amount) {
            return new Benefit(code, amount, false);
        }

        public static Benefit asNeeded(String code) {
            return new Benefit(code, null, false);
        }

        public static Benefit upTo(String code, long amount) {
            return new Benefit(code, amount, true);
        }
    }

    /** Whether the heirs' children may receive scholarships, and how much per level. */
    public record Scholarship(boolean eligible, int maxChildren, List<ClaimRules.ScholarshipLevel> levels) {
        public Scholarship {
            levels = List.copyOf(levels);
        }
    }
}
