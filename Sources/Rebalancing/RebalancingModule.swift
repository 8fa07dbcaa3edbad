/// The domain: CRD types, planner, reconcilers.
enum RebalancingModule {}
