package dev.hydra.ui.cluster;

import java.util.List;

/** Containers under one heading (a node, a compose project), or all of them when not grouped (title null). */
public record ContainerGroup(String title, List<ContainerRow> rows) {

    public ContainerGroup {
        rows = List.copyOf(rows);
    }
}
