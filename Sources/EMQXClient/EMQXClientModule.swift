/// Typed client for the EMQX v5 REST API (nodes, load_rebalance, evacuation). Built in issue 4.
enum EMQXClientModule {}
