package dev.hydra.services.containers;

import dev.hydra.services.cluster.SourceStatus;
import java.util.List;

/** The containers of one node and how reading them went (the last known list is kept when a read fails). */
public record ContainerReport(List<Container> containers, SourceStatus status) {

    public ContainerReport {
        containers = List.copyOf(containers);
    }
}
