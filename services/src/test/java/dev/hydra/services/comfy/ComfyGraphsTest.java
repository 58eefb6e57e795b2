package dev.hydra.services.comfy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hydra.services.json.Json;
import dev.hydra.services.testing.FakeComfyUi;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ComfyGraphsTest {

    @Test
    void everySeedChangesAndStaysBelowTwoToTheFifty() throws Exception {
        ObjectNode graph = (ObjectNode) Json.mapper().readTree("""
                {"3": {"class_type": "KSampler", "inputs": {"seed": 1, "steps": 20}},
                 "11": {"class_type": "KSamplerAdvanced", "inputs": {"noise_seed": ["20", 0]}},
                 "20": {"class_type": "PrimitiveInt", "inputs": {"value": 7}}}""");

        Map<String, Long> changed = ComfyGraphs.randomizeSeeds(graph, new Random(5));

        assertThat(changed).containsOnlyKeys("3.seed", "20.value");
        assertThat(graph.path("3").path("inputs").path("seed").asLong()).isNotEqualTo(1).isLessThan(1L << 50);
        assertThat(graph.path("20").path("inputs").path("value").asLong()).isNotEqualTo(7);
        assertThat(graph.path("11").path("inputs").path("noise_seed").isArray()).as("the link stays a link").isTrue();
    }

    @Test
    void aUiWorkflowIsToldApartFromAnApiGraph() throws Exception {
        assertThat(ComfyGraphs.problem(FakeComfyUi.textToImage("x", 1))).isNull();
        assertThat(ComfyGraphs.problem(Json.mapper().readTree("{\"nodes\": [], \"links\": []}")))
                .contains("UI workflow");
        assertThat(ComfyGraphs.problem(Json.mapper().readTree("{\"3\": {\"inputs\": {}}}")))
                .isEqualTo("node \"3\" has no class_type; is this an API-format graph?");
    }
}
