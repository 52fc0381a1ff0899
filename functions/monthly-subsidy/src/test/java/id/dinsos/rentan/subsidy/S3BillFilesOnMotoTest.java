package id.dinsos.rentan.subsidy;

import id.dinsos.rentan.domain.ContributionLine;
import id.dinsos.rentan.domain.Nik;
import id.dinsos.rentan.http.BillCsv;
import id.dinsos.rentan.port.BillFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real {@link S3BillFiles} against S3 as emulated by moto ({@code moto_server}): slices put and
 * listed under the documented keys, the part's manifest, the month's file assembled (one PutObject, and
 * a multipart upload past {@value S3BillFiles#PART_BYTES} bytes) and a pre-signed link that a plain
 * HTTP GET, with no AWS credentials, downloads byte for byte as the bill built in one piece.
 *
 * <p>Needs a running moto_server, named by {@code -Dmoto.endpoint=http://127.0.0.1:PORT} or the
 * {@code MOTO_ENDPOINT} environment variable ({@code .ci/run} starts one); skipped otherwise.
 */
class S3BillFilesOnMotoTest {
    private static final Region REGION = Region.AP_SOUTHEAST_3;
    private static final YearMonth APRIL = YearMonth.of(2025, 4);
    private static final Instant NOW = Instant.parse("2025-05-02T03:00:00Z");

    private static String endpoint;
    private static S3Client s3;
    private static S3Presigner presigner;

    private String bucket;
    private String programme;
    private S3BillFiles files;

    @BeforeAll
    static void connect() {
        if (endpoint == null) {
            endpoint = SqsOnMotoTest.motoEndpoint();
        }
        if (endpoint == null) {
            return; // each test reports itself skipped, with the reason
        }
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        S3Configuration pathStyle = S3Configuration.builder().pathStyleAccessEnabled(true).build();
        s3 = S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).endpointOverride(URI.create(endpoint))
                .region(REGION).credentialsProvider(credentials).serviceConfiguration(pathStyle).build();
        presigner = S3Presigner.builder().endpointOverride(URI.create(endpoint)).region(REGION)
                .credentialsProvider(credentials).serviceConfiguration(pathStyle).build();
    }

    @AfterAll
    static void disconnect() {
        if (s3 != null) {
            s3.close();
            presigner.close();
            s3 = null;
            presigner = null;
        }
    }

    /** Bill files in a new bucket of moto's S3 at {@code endpoint}, for the handler tests on moto. */
    static S3BillFiles inNewBucket(String endpoint, Clock clock) {
        if (s3 == null) {
            S3BillFilesOnMotoTest.endpoint = endpoint;
            connect();
        }
        String name = "bills-" + UUID.randomUUID();
        s3.createBucket(b -> b.bucket(name).createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.AP_SOUTHEAST_3)));
        return new S3BillFiles(s3, presigner, name, clock);
    }

    /** A plain HTTP GET, no AWS credentials: what a browser following the link does. */
    static HttpResponse<byte[]> download(URI url) throws IOException, InterruptedException {
        return get(url);
    }

    @BeforeEach
    void bucket() {
        assumeTrue(endpoint != null, "moto_server is not running: start it with `moto_server -H 127.0.0.1 -p 5000` and "
                + "run `mvn -B -ntp verify -Dmoto.endpoint=http://127.0.0.1:5000` (or set MOTO_ENDPOINT) to run this test");
        bucket = "bills-" + UUID.randomUUID();
        s3.createBucket(b -> b.bucket(bucket).createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.AP_SOUTHEAST_3)));
        programme = "prog-" + UUID.randomUUID().toString().substring(0, 8);
        files = new S3BillFiles(s3, presigner, bucket, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void slicesOfTwoParts_areListedUnderTheirKeys_andTheLinkDownloadsTheBillBuiltInOnePiece_byteForByte() throws Exception {
        List<ContributionLine> part1 = lines(1, 0, 40);
        List<ContributionLine> part2 = lines(2, 40, 7);
        // Three shards of part 1, two pages in the first; part 2 in one shard. Each slice holds its lines in any order.
        files.write(slice(1, 0, 0, part1.subList(0, 10)));
        files.write(slice(1, 0, 1, part1.subList(30, 40)));
        files.write(slice(1, 5, 0, part1.subList(10, 30)));
        files.write(slice(2, 3, 0, part2));
        assertThat(files.keys("bills/" + programme + "/2025-04/")).containsExactly(
                "bills/" + programme + "/2025-04/part-01/shard-00/page-000000.csv",
                "bills/" + programme + "/2025-04/part-01/shard-00/page-000001.csv",
                "bills/" + programme + "/2025-04/part-01/shard-05/page-000000.csv",
                "bills/" + programme + "/2025-04/part-02/shard-03/page-000000.csv");

        files.partCompleted(programme, APRIL, 1, 40);
        assertThat(files.completedParts(programme, APRIL)).containsExactly(java.util.Map.entry(1, 40L));
        files.assemble(programme, APRIL, List.of(1));
        assertThat(files.link(programme, APRIL, List.of(1, 2))).as("the file holds part 1 only").isEmpty();

        files.partCompleted(programme, APRIL, 2, 7);
        files.assemble(programme, APRIL, List.of(1, 2));
        BillFiles.Link link = files.link(programme, APRIL, List.of(1, 2)).orElseThrow();
        assertThat(link.expiresAt()).isEqualTo(NOW.plus(S3BillFiles.LINK_LIFETIME));

        List<ContributionLine> all = new ArrayList<>(part1);
        all.addAll(part2);
        all.sort(Comparator.comparingInt(ContributionLine::part).thenComparing(BillCsv.NIK_ORDER));
        HttpResponse<byte[]> download = get(link.url());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(new String(download.body(), StandardCharsets.UTF_8)).isEqualTo(BillCsv.bill("SG", all));
        assertThat(download.body()).isEqualTo(BillCsv.bill("SG", all).getBytes(StandardCharsets.UTF_8));
        assertThat(download.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"tagihan-2025-04.csv\"");
        assertThat(link.url().getQuery()).as("asked of S3 in the link too").contains("response-content-disposition=attachment");
    }

    @Test
    void aBillOverOneUploadPart_isWrittenInParts_andDownloadsWhole() throws Exception {
        int pages = 150; // 150,000 lines, about 9 MB: two parts of a multipart upload
        List<ContributionLine> all = new ArrayList<>();
        for (int page = 0; page < pages; page++) {
            List<ContributionLine> lines = lines(1, page * 1000, 1000);
            all.addAll(lines);
            files.write(slice(1, page % 16, page / 16, lines));
        }
        files.partCompleted(programme, APRIL, 1, all.size());
        files.assemble(programme, APRIL, List.of(1));
        String expected = BillCsv.bill("SG", all.stream().sorted(BillCsv.NIK_ORDER).toList());
        assertThat(expected.length()).isGreaterThan(S3BillFiles.PART_BYTES);

        HttpResponse<byte[]> download = get(files.link(programme, APRIL, List.of(1)).orElseThrow().url());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body().length).isEqualTo(expected.getBytes(StandardCharsets.UTF_8).length);
        assertThat(new String(download.body(), StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(download.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"tagihan-2025-04.csv\"");
    }

    @Test
    void aMonthWithoutItsFile_hasNoLink() {
        assertThat(files.link(programme, APRIL, List.of(1))).isEmpty();
        assertThat(files.completedParts(programme, APRIL)).isEmpty();
    }

    private static HttpResponse<byte[]> get(URI url) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private BillFiles.Slice slice(int part, int shard, long step, List<ContributionLine> lines) {
        return new BillFiles.Slice(programme, APRIL, part, shard, step, "SG", lines);
    }

    /**
     * {@code count} lines from {@code from}, NIKs scattered (not in the order written), names that need
     * CSV quoting or the formula guard, some with a KPJ.
     */
    private static List<ContributionLine> lines(int part, int from, int count) {
        List<ContributionLine> lines = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            int scrambled = (int) ((i * 7_919L) % 200_000L); // one to one on 0..199,999
            Nik nik = new Nik(String.format(Locale.ROOT, "367102%02d0379%04d", scrambled / 9_999 + 1, scrambled % 9_999 + 1));
            String name = switch (i % 4) {
                case 0 -> "Budi Santoso";
                case 1 -> "Santoso, Budi \"Ucok\"";
                case 2 -> "-Siti";
                default -> "Ni Luh Putu Ayu";
            };
            lines.add(new ContributionLine("reg-" + i, APRIL, part, nik, name, i % 3 == 0 ? "25031234567" : null, 10_000, 6_800));
        }
        return lines;
    }
}
