package id.dinsos.rentan.subsidy;

import com.fasterxml.jackson.databind.JsonNode;
import id.dinsos.rentan.http.Json;
import id.dinsos.rentan.port.SegmentQueue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.YearMonth;
import java.util.Map;

/** The body of a segment message: {"programmeId", "month", "index", "count"}. */
final class SegmentMessages {
    private SegmentMessages() {
    }

    static String write(SegmentQueue.Segment s) {
        return Json.write(Map.of("programmeId", s.programmeId(), "month", s.month().toString(), "part", s.part(),
                "index", s.index(), "count", s.count()));
    }

    static SegmentQueue.Segment read(String body) {
        try {
            JsonNode json = Json.MAPPER.readTree(body);
            // Messages queued before bill parts existed carry no part: they belong to the regular run.
            return new SegmentQueue.Segment(json.path("programmeId").asText(), YearMonth.parse(json.path("month").asText()),
                    json.path("part").asInt(1), json.path("index").asInt(), json.path("count").asInt());
        } catch (IOException e) {
            throw new UncheckedIOException("not a segment message", e);
        }
    }
}
