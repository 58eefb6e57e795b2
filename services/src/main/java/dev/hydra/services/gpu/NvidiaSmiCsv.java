package dev.hydra.services.gpu;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CSV that {@code nvidia-smi --query-...=<fields> --format=csv} prints: a header line, then one line per GPU
 * (or process). Cells are separated by ", " and never quoted; headers carry unit tags ("memory.used [MiB]") and
 * values carry units ("19818 MiB") unless {@code nounits} was given. Columns are looked up by their header name,
 * so a capture with more (or differently ordered) columns reads the same.
 */
public final class NvidiaSmiCsv {

    private static final String SEPARATOR = ", ";
    private static final Pattern UNIT_TAG = Pattern.compile("\\s*\\[[^\\]]*]$");
    private static final Pattern NUMBER_WITH_UNIT =
            Pattern.compile("^(-?\\d+(?:\\.\\d+)?)(?:\\s*(?:MiB|KiB|GiB|%|W|MHz|us|C))?$");
    /** Query-field aliases and the canonical names nvidia-smi prints in the header instead. */
    private static final Map<String, String> CANONICAL = Map.of(
            "gpu_name", "name",
            "gpu_uuid", "uuid",
            "clocks.sm", "clocks.current.sm",
            "clocks.gr", "clocks.current.graphics",
            "clocks.mem", "clocks.current.memory",
            "used_memory", "used_gpu_memory",
            "gpu.power.current_limit", "enforced.power.limit");

    private final Map<String, Integer> columns;
    private final List<List<String>> rows;

    private NvidiaSmiCsv(Map<String, Integer> columns, List<List<String>> rows) {
        this.columns = columns;
        this.rows = rows;
    }

    public static NvidiaSmiCsv parse(String output) throws NvidiaSmiFormatException {
        List<String> lines = output.lines().filter(line -> !line.isBlank()).toList();
        if (lines.isEmpty()) {
            throw new NvidiaSmiFormatException("nvidia-smi printed nothing (expected a CSV header line)");
        }
        List<String> header = split(lines.getFirst());
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = UNIT_TAG.matcher(header.get(i)).replaceAll("").strip().toLowerCase(Locale.ROOT);
            if (!name.matches("[a-z0-9_.]+")) {
                throw new NvidiaSmiFormatException("nvidia-smi printed no CSV header; first line was: "
                        + abbreviate(lines.getFirst()));
            }
            columns.put(name, i);
        }
        Integer processName = columns.get("process_name");
        List<List<String>> rows = new ArrayList<>();
        for (int n = 1; n < lines.size(); n++) {
            List<String> cells = split(lines.get(n));
            if (cells.size() > header.size() && processName != null) {
                cells = rejoinProcessName(cells, processName, cells.size() - header.size());
            }
            if (cells.size() != header.size()) {
                throw new NvidiaSmiFormatException("nvidia-smi line " + (n + 1) + " has " + cells.size()
                        + " values but the header has " + header.size() + ": " + abbreviate(lines.get(n)));
            }
            rows.add(cells);
        }
        return new NvidiaSmiCsv(columns, rows);
    }

    public int size() {
        return rows.size();
    }

    public boolean has(String field) {
        return column(field) != null;
    }

    /** The raw cell, or null when the column is absent or the value is a no-value token ([N/A], empty, ...). */
    public String text(int row, String field) {
        Integer column = column(field);
        if (column == null) {
            return null;
        }
        String cell = rows.get(row).get(column).strip();
        return isNoValue(cell) ? null : cell;
    }

    public BigDecimal number(int row, String field) throws NvidiaSmiFormatException {
        String cell = text(row, field);
        if (cell == null) {
            return null;
        }
        Matcher matcher = NUMBER_WITH_UNIT.matcher(cell);
        if (!matcher.matches()) {
            throw new NvidiaSmiFormatException("nvidia-smi field " + field + " is not a number: \"" + cell + "\"");
        }
        return new BigDecimal(matcher.group(1));
    }

    public Integer integer(int row, String field) throws NvidiaSmiFormatException {
        BigDecimal value = number(row, field);
        return value == null ? null : value.setScale(0, java.math.RoundingMode.HALF_UP).intValueExact();
    }

    public Long wholeNumber(int row, String field) throws NvidiaSmiFormatException {
        BigDecimal value = number(row, field);
        return value == null ? null : value.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
    }

    public Double decimal(int row, String field) throws NvidiaSmiFormatException {
        BigDecimal value = number(row, field);
        return value == null ? null : value.doubleValue();
    }

    /** The column printed for a query field: under its own name, or under the canonical name of an alias. */
    private Integer column(String field) {
        Integer exact = columns.get(field.toLowerCase(Locale.ROOT));
        return exact != null ? exact : columns.get(canonical(field));
    }

    static String canonical(String field) {
        String lower = field.toLowerCase(Locale.ROOT);
        return CANONICAL.getOrDefault(lower, lower);
    }

    /**
     * Tokens nvidia-smi prints instead of a value: "[N/A]", "[Not Supported]", "[Unknown Error]",
     * "[Requested functionality has been deprecated]" and other bracketed notes, a bare "N/A", or nothing.
     */
    static boolean isNoValue(String cell) {
        return cell.isEmpty() || cell.equals("N/A") || (cell.startsWith("[") && cell.endsWith("]"));
    }

    private static List<String> split(String line) {
        return List.of(line.split(SEPARATOR, -1));
    }

    /** A process name containing ", " splits into extra cells; put them back together. */
    private static List<String> rejoinProcessName(List<String> cells, int at, int surplus) {
        List<String> joined = new ArrayList<>(cells.subList(0, at));
        joined.add(String.join(SEPARATOR, cells.subList(at, at + surplus + 1)));
        joined.addAll(cells.subList(at + surplus + 1, cells.size()));
        return joined;
    }

    private static String abbreviate(String line) {
        return line.length() <= 120 ? line : line.substring(0, 117) + "...";
    }
}
