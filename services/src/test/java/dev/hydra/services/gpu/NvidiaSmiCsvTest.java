package dev.hydra.services.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NvidiaSmiCsvTest {

    @Test
    void readsColumnsByHeaderNameFromAFullFieldCapture() throws Exception {
        NvidiaSmiCsv csv = NvidiaSmiCsv.parse(fixture("h100-load/query-gpu.csv"));

        assertThat(csv.size()).isEqualTo(1);
        assertThat(csv.text(0, "name")).isEqualTo("NVIDIA H100 80GB HBM3");
        assertThat(csv.integer(0, "utilization.gpu")).isEqualTo(100);
        assertThat(csv.wholeNumber(0, "memory.used")).isEqualTo(19818L);
        assertThat(csv.decimal(0, "power.draw")).isEqualTo(631.95);
        assertThat(csv.integer(0, "clocks.sm")).as("alias of clocks.current.sm").isEqualTo(1980);
        assertThat(csv.text(0, "pstate")).isEqualTo("P0");
    }

    @Test
    void notApplicableIsNullNeverZero() throws Exception {
        NvidiaSmiCsv csv = NvidiaSmiCsv.parse(fixture("h100-load/query-gpu.csv"));

        assertThat(csv.text(0, "fan.speed")).isNull();
        assertThat(csv.integer(0, "fan.speed")).isNull();
    }

    @Test
    void notSupportedAndOtherBracketedNotesAreNull() throws Exception {
        String header = "name, utilization.gpu [%], utilization.memory [%], temperature.gpu, power.draw [W], "
                + "power.limit [W], fan.speed [%], pstate, clocks.current.graphics [MHz], clocks.current.memory [MHz], "
                + "power.max_limit [W], power.default_limit [W]\n";
        NvidiaSmiCsv csv = NvidiaSmiCsv.parse(header
                + fixture("pastes/megaminer-235__gtx770-win__csv-noheader__not-supported.csv"));

        assertThat(csv.integer(0, "utilization.gpu")).isNull();
        assertThat(csv.decimal(0, "power.draw")).isNull();
        assertThat(csv.integer(0, "temperature.gpu")).isEqualTo(52);
        assertThat(csv.integer(0, "fan.speed")).isEqualTo(52);
        assertThat(NvidiaSmiCsv.isNoValue("[Unknown Error]")).isTrue();
        assertThat(NvidiaSmiCsv.isNoValue("N/A")).isTrue();
        assertThat(NvidiaSmiCsv.isNoValue("")).isTrue();
    }

    @Test
    void nounitsOutputKeepsUnitTagsInTheHeaderOnly() throws Exception {
        NvidiaSmiCsv csv = NvidiaSmiCsv.parse(fixture("pastes/netdata__tesla-p100.csv"));

        assertThat(csv.wholeNumber(0, "memory.free")).isEqualTo(16280L);
        assertThat(csv.decimal(0, "power.draw")).isEqualTo(28.16);
        assertThat(csv.integer(0, "fan.speed")).isNull();
    }

    @Test
    void severalGpusAndCanonicalNamesForAliases() throws Exception {
        NvidiaSmiCsv csv = NvidiaSmiCsv.parse(fixture("pastes/bpytop-26__2gpu__csv-header-units.csv"));

        assertThat(csv.size()).isEqualTo(2);
        assertThat(csv.text(1, "gpu_name")).isEqualTo("GeForce GTX 1060 6GB");
        assertThat(csv.integer(0, "clocks.gr")).isEqualTo(1885);
        assertThat(csv.integer(1, "fan.speed")).isEqualTo(40);
    }

    @Test
    void processNamesWithSpacesAndWindowsPathsSurvive() throws Exception {
        NvidiaSmiCsv csv = NvidiaSmiCsv.parse(fixture("win-rtx2080super-load/query-compute-apps.csv"));

        assertThat(csv.text(7, "process_name"))
                .isEqualTo("C:\\Program Files\\NVIDIA Corporation\\NVIDIA App\\CEF\\NVIDIA Overlay.exe");
        assertThat(csv.wholeNumber(7, "used_memory")).isNull();
    }

    @Test
    void aProcessNameContainingTheSeparatorIsPutBackTogether() throws Exception {
        NvidiaSmiCsv csv = NvidiaSmiCsv.parse("gpu_uuid, pid, process_name, used_gpu_memory [MiB]\n"
                + "GPU-1, 42, python train.py --tags a, b, 1200 MiB\n");

        assertThat(csv.text(0, "process_name")).isEqualTo("python train.py --tags a, b");
        assertThat(csv.wholeNumber(0, "used_memory")).isEqualTo(1200L);
    }

    @Test
    void garbageIsRejectedWithTheOffendingLine() {
        assertThatThrownBy(() -> NvidiaSmiCsv.parse("Segmentation fault (core dumped)\n"))
                .isInstanceOf(NvidiaSmiFormatException.class)
                .hasMessageContaining("no CSV header").hasMessageContaining("Segmentation fault");
        assertThatThrownBy(() -> NvidiaSmiCsv.parse("index, uuid, name\n0, GPU-1\n"))
                .hasMessageContaining("line 2 has 2 values but the header has 3");
        assertThatThrownBy(() -> NvidiaSmiCsv.parse("index, temperature.gpu\n0, hot\n").integer(0, "temperature.gpu"))
                .hasMessageContaining("temperature.gpu is not a number: \"hot\"");
        assertThatThrownBy(() -> NvidiaSmiCsv.parse("")).hasMessageContaining("printed nothing");
    }

    static String fixture(String path) throws IOException {
        try (InputStream in = NvidiaSmiCsvTest.class.getClassLoader().getResourceAsStream("fixtures/nvidia-smi/" + path)) {
            if (in == null) {
                throw new IOException("missing fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
