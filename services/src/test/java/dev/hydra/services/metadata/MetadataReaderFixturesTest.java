package dev.hydra.services.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hydra.services.json.Json;
import dev.hydra.services.testing.PngFiles;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every fact of expected_facts.json (the six real fixtures and their SOURCES.md) is reproduced by the reader. */
class MetadataReaderFixturesTest {

    private static final MetadataReader READER = new MetadataReader();

    static Stream<String> fixtures() throws Exception {
        List<String> names = new ArrayList<>();
        facts().fieldNames().forEachRemaining(names::add);
        return names.stream();
    }

    static JsonNode facts() throws Exception {
        try (InputStream in = MetadataReaderFixturesTest.class.getResourceAsStream("/fixtures/images/expected_facts.json")) {
            return Json.mapper().readTree(in);
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void reproducesEveryExpectedFact(String name) throws Exception {
        JsonNode expected = facts().get(name);
        ImageMetadata read = READER.read(PngFiles.fixture(name));

        assertThat(read.status()).as(read.problems().toString()).isEqualTo(ReadStatus.OK);
        assertThat(read.imageWidth() + "x" + read.imageHeight()).isEqualTo(expected.get("png_size").asText());
        assertThat(read.source().label()).isEqualTo(expected.get("source").asText());
        expected.get("text_chunks").fieldNames().forEachRemaining(chunk -> assertThat(read.rawText()).containsKey(chunk));

        if (expected.has("samplers")) {
            List<JsonNode> samplers = new ArrayList<>();
            expected.get("samplers").forEach(samplers::add);
            assertThat(read.passes()).hasSize(samplers.size());
            for (JsonNode sampler : samplers) {
                SamplerPass pass = read.passes().stream().filter(p -> p.nodeId().equals(sampler.get("node_id").asText()))
                        .findFirst().orElseThrow();
                assertSampler(pass, sampler);
            }
            JsonNode finalOne = samplers.stream().filter(s -> s.get("final").asBoolean()).findFirst().orElseThrow();
            assertThat(read.finalPass().orElseThrow().nodeId()).isEqualTo(finalOne.get("node_id").asText());
        } else {
            JsonNode a1111 = expected.get("a1111");
            SamplerPass pass = read.finalPass().orElseThrow();
            assertThat(pass.positiveText()).isEqualTo(a1111.get("prompt").asText());
            assertThat(pass.negativeText()).isEqualTo(a1111.get("negative").asText());
            Map<String, String> params = Json.mapper().convertValue(a1111.get("params"),
                    new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() { });
            assertThat(pass.steps()).isEqualTo(Integer.valueOf(params.get("Steps")));
            assertThat(pass.samplerName()).isEqualTo(params.get("Sampler"));
            assertThat(pass.scheduler()).isEqualTo(params.get("Schedule type"));
            assertThat(pass.cfg()).isEqualTo(Double.valueOf(params.get("CFG scale")));
            assertThat(pass.seed()).isEqualTo(new BigInteger(params.get("Seed")));
            assertThat(pass.latentWidth() + "x" + pass.latentHeight()).isEqualTo(params.get("Size"));
            assertThat(pass.model()).isEqualTo(params.get("Model"));
            assertThat(read.extraParameters()).containsEntry("Model hash", params.get("Model hash"));
            if (params.containsKey("Version")) {
                assertThat(read.extraParameters()).containsEntry("Version", params.get("Version"));
            }
        }
    }

    private static void assertSampler(SamplerPass pass, JsonNode expected) {
        assertThat(pass.classType()).isEqualTo(expected.get("class_type").asText());
        assertThat(pass.finalPass()).isEqualTo(expected.get("final").asBoolean());
        assertThat(pass.seed()).isEqualTo(expected.get("seed").bigIntegerValue());
        assertThat(pass.steps()).isEqualTo(expected.get("steps").asInt());
        assertThat(pass.cfg()).isCloseTo(expected.get("cfg").asDouble(), within(1e-9));
        assertThat(pass.samplerName()).isEqualTo(expected.get("sampler_name").asText());
        assertThat(pass.scheduler()).isEqualTo(expected.get("scheduler").asText());
        assertThat(pass.denoise()).isCloseTo(expected.get("denoise").asDouble(), within(1e-9));
        assertThat(pass.positive()).containsExactlyElementsOf(texts(expected.get("positive")));
        assertThat(pass.negative()).containsExactlyElementsOf(texts(expected.get("negative")));
        assertThat(pass.model()).isEqualTo(expected.get("model").asText());
        assertThat(pass.modelLoader()).isEqualTo(expected.get("model_loader").asText());
        List<Lora> loras = new ArrayList<>();
        expected.get("loras").forEach(l -> loras.add(new Lora(l.get("name").asText(), l.get("strength_model").asDouble(),
                l.get("strength_clip").asDouble())));
        assertThat(pass.loras()).containsExactlyElementsOf(loras);
        JsonNode latent = expected.get("latent");
        assertThat(pass.latentFrom()).isEqualTo(latent.get("from").asText());
        assertThat(pass.latentWidth()).isEqualTo(latent.get("width").asInt());
        assertThat(pass.latentHeight()).isEqualTo(latent.get("height").asInt());
        assertThat(pass.batchSize()).isEqualTo(latent.get("batch_size").asInt());
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(t -> texts.add(t.asText()));
        return texts;
    }
}
