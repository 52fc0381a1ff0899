package id.dinsos.rentan.application;

import id.dinsos.rentan.domain.Application;
import id.dinsos.rentan.domain.Refusal;

import java.time.LocalDate;
import java.util.List;

/**
 * One line of the decree list as read from the file: a well-formed application with its
 * optional coverage start, or the reasons the line could not be read.
 *
 * @param nikText the NIK as written, kept only to report the line (masked)
 */
public record DecreeRow(int line, String nikText, Application application, LocalDate coverageStart,
                        List<Refusal.FieldError> errors) {
    public DecreeRow {
        errors = List.copyOf(errors);
    }

    public boolean readable() {
        return application != null && errors.isEmpty();
    }
}
