package dev.hydra.services.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hydra.services.transport.http.HttpClients;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client on recorded Prometheus 2.42 answers (fixtures/monitoring/prometheus) and on broken ones. */
class PrometheusClientTest {

    private MockWebServer server;
    private PrometheusClient client;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
        client = new PrometheusClient(HttpClients.withTimeouts(Duration.ofMillis(800), Duration.ofSeconds(2)),
                server.url("/").toString());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void readsAVectorWithItsLabels() throws Exception {
        serve(200, fixture("query_up.json"));

        List<Sample> up = client.query("up");

        assertThat(up).hasSize(2);
        assertThat(up).anySatisfy(s -> {
            assertThat(s.label("job")).isEqualTo("node");
            assertThat(s.value()).isEqualTo(1.0);
        });
        assertThat(server.takeRequest().getMethod()).as("POST form, so long PromQL fits").isEqualTo("POST");
    }

    @Test
    void readsScalarsAndRanges() throws Exception {
        serve(200, fixture("query_scalar.json"));
        assertThat(client.query("scalar(count(up))")).singleElement().extracting(Sample::value).isEqualTo(2.0);

        serve(200, fixture("query_range_cpu.json"));
        List<RangeSeries> range = client.queryRange("x", Instant.ofEpochSecond(1795277020),
                Instant.ofEpochSecond(1795277140), Duration.ofSeconds(15));
        assertThat(range).singleElement().satisfies(series -> {
            assertThat(series.values()).hasSize(9).startsWith(61.020000000000095);
            assertThat(series.epochMillis()[0]).isEqualTo(1795277020_000L);
        });
    }

    @Test
    void notANumberAndInfinitiesAreReadAndNeverPassForNumbers() throws Exception {
        serve(200, """
                {"status":"success","data":{"resultType":"vector","result":[
                 {"metric":{"i":"a"},"value":[1.5,"NaN"]},{"metric":{"i":"b"},"value":[1.5,"+Inf"]},
                 {"metric":{"i":"c"},"value":[1.5,"-Inf"]},{"metric":{"i":"d"},"value":[1.5,"2.5"]}]},
                 "warnings":["ignored"],"infos":["unknown fields are fine"]}""");

        List<Sample> samples = client.query("x");

        assertThat(samples).extracting(Sample::finite).containsExactly(null, null, null, 2.5);
        assertThat(samples.get(1).value()).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void eachKindOfBadAnswerGetsItsOwnClearMessage() {
        serve(400, fixture("query_bad_data.json"));
        assertThatThrownBy(() -> client.query("rate(")).isInstanceOf(PrometheusException.class)
                .hasMessage("Prometheus refused the query (bad_data, HTTP 400): invalid parameter \"query\": 1:12: "
                        + "parse error: unclosed left parenthesis");

        serve(422, fixture("query_execution_error.json"));
        assertThatThrownBy(() -> client.query("x")).hasMessageStartingWith("Prometheus refused the query (execution, "
                + "HTTP 422)");

        serve(404, fixture("notfound.json"));
        assertThatThrownBy(() -> client.query("up")).hasMessageContaining("HTTP 404 with \"404 page not found\"")
                .hasMessageContaining("http://host:9090");

        server.enqueue(new MockResponse.Builder().code(502).addHeader("Content-Type", "text/html")
                .body("<html><body><h1>502 Bad Gateway</h1></body></html>").build());
        assertThatThrownBy(() -> client.query("up")).hasMessageContaining("HTTP 502 with an HTML page");

        serve(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"va");
        assertThatThrownBy(() -> client.query("up")).hasMessageStartingWith("Prometheus's answer is not valid JSON "
                + "(truncated or damaged)");

        serve(200, "{\"hello\":\"world\"}");
        assertThatThrownBy(() -> client.query("up")).hasMessageContaining("without a success envelope");

        serve(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},"
                + "\"value\":[1,\"lots\"]}]}}");
        assertThatThrownBy(() -> client.query("up")).hasMessageContaining("not a number: \"lots\"");

        serve(200, fixture("query_string.json"));
        assertThatThrownBy(() -> client.query("\"hello\"")).hasMessageContaining("string result");
    }

    @Test
    void aServerThatHangsOrVanishesIsReportedAsSuch() throws Exception {
        server.enqueue(new MockResponse.Builder().body("{}").headersDelay(5, TimeUnit.SECONDS).build());
        assertThatThrownBy(() -> client.query("up")).hasMessageContaining("did not answer in time");

        String url = server.url("/").toString();
        server.close();
        PrometheusClient gone = new PrometheusClient(HttpClients.shared(), url);
        assertThatThrownBy(() -> gone.query("up")).isInstanceOf(PrometheusException.class)
                .hasMessageContaining("cannot be reached");
    }

    private void serve(int code, String body) {
        server.enqueue(new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
                .body(body).build());
    }

    static String fixture(String name) {
        try (InputStream in = PrometheusClientTest.class.getResourceAsStream("/fixtures/monitoring/prometheus/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("fixture missing: " + name, e);
        }
    }
}
