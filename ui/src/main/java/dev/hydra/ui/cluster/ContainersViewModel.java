package dev.hydra.ui.cluster;

import dev.hydra.services.actions.ClusterAction;
import dev.hydra.services.cluster.ClusterSnapshot;
import dev.hydra.services.cluster.NodeSnapshot;
import dev.hydra.services.containers.Container;
import dev.hydra.ui.common.ActionPrompts;
import dev.hydra.ui.common.Formats;
import dev.hydra.ui.common.Lists;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The containers of every node in one table: filtered ("/"), grouped by node or compose project, with actions. */
public final class ContainersViewModel {

    public enum Grouping {
        NONE("No grouping"), NODE("By node"), PROJECT("By compose project");

        private final String label;

        Grouping(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final ActionPrompts prompts;
    private final Predicate<String> isProtected;
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final ObjectProperty<Grouping> grouping = new SimpleObjectProperty<>(this, "grouping", Grouping.NODE);
    private final ObservableList<ContainerGroup> groups = FXCollections.observableArrayList();
    private final ObservableList<ContainerGroup> readOnlyGroups = FXCollections.unmodifiableObservableList(groups);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private List<ContainerRow> all = List.of();
    private List<String> problems = List.of();

    public ContainersViewModel(ActionPrompts prompts, Predicate<String> isProtected) {
        this.prompts = prompts;
        this.isProtected = isProtected;
        filter.addListener((obs, old, now) -> regroup());
        grouping.addListener((obs, old, now) -> regroup());
    }

    void apply(ClusterSnapshot snapshot, Instant now) {
        List<ContainerRow> rows = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (NodeSnapshot node : snapshot.nodes()) {
            node.containers().forEach(c -> rows.add(row(c, now)));
            node.source("docker").filter(s -> !s.isHealthy())
                    .ifPresent(s -> failures.add(node.name() + ": " + s.message()));
        }
        all = rows;
        problems = failures;
        regroup();
    }

    private void regroup() {
        List<ContainerRow> shown = all.stream().filter(r -> r.matches(filter.get()))
                .sorted(Comparator.comparing(ContainerRow::node).thenComparing(ContainerRow::name)).toList();
        Map<String, List<ContainerRow>> byTitle = new LinkedHashMap<>();
        for (ContainerRow row : shown) {
            String title = switch (grouping.get()) {
                case NONE -> null;
                case NODE -> row.node();
                case PROJECT -> row.project() == null ? "(no compose project)" : row.project();
            };
            byTitle.computeIfAbsent(title, t -> new ArrayList<>()).add(row);
        }
        List<ContainerGroup> next = new ArrayList<>();
        byTitle.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.nullsFirst(Comparator.naturalOrder())))
                .forEach(e -> next.add(new ContainerGroup(e.getKey(), e.getValue())));
        Lists.replaceIfChanged(groups, next);
        long running = all.stream().filter(ContainerRow::running).count();
        long unhealthy = all.stream().filter(r -> "unhealthy".equals(r.health())).count();
        String text = all.isEmpty() ? "No containers" : all.size() + " containers · " + running + " running"
                + (unhealthy > 0 ? " · " + unhealthy + " unhealthy" : "")
                + (shown.size() == all.size() ? "" : " · " + shown.size() + " match \"" + filter.get().strip() + "\"");
        summary.set(problems.isEmpty() ? text : text + " · " + String.join("; ", problems));
    }

    public void restart(ContainerRow row) {
        prompts.request(new ClusterAction.RestartContainer(row.node(), row.id(), row.name()));
    }

    public void stop(ContainerRow row) {
        prompts.request(new ClusterAction.StopContainer(row.node(), row.id(), row.name()));
    }

    public void start(ContainerRow row) {
        prompts.request(new ClusterAction.StartContainer(row.node(), row.id(), row.name()));
    }

    private ContainerRow row(Container c, Instant now) {
        long up = c.running() && c.startedAt() != null ? Math.max(0, Duration.between(c.startedAt(), now).toSeconds()) : -1;
        String uptime = up == 0 ? "0 s" : up > 0 ? Formats.duration(Duration.ofSeconds(up))
                : "exited".equals(c.state()) && c.exitCode() != null ? "exit " + c.exitCode() : c.state();
        String memory = c.memoryUsedBytes() == null ? "" : Formats.bytes(c.memoryUsedBytes());
        return new ContainerRow(c.node(), c.id(), c.name(), c.composeProject(), c.state(),
                c.health() == Container.Health.NONE ? "" : c.health().name().toLowerCase(), uptime, up,
                c.restartCount(), c.cpuPercent(), c.cpuPercent() == null ? "" : Formats.decimal(c.cpuPercent(), 1) + " %",
                c.memoryUsedBytes(), memory, c.image(), String.join(", ", c.ports()), isProtected.test(c.name()));
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public ObjectProperty<Grouping> groupingProperty() {
        return grouping;
    }

    public ObservableList<ContainerGroup> groups() {
        return readOnlyGroups;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }
}
