/// A simulated EMQX cluster (eviction agents, evacuation, rebalance, clients, HTTP API). Built in issue 4.
enum EMQXSimulatorModule {}
