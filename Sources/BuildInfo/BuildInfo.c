#include "BuildInfo.h"

// Package.swift defines REBALANCE_OPERATOR_COMMIT as a C string literal: Swift's -D has no values, C's does.
#ifndef REBALANCE_OPERATOR_COMMIT
#define REBALANCE_OPERATOR_COMMIT "unknown"
#endif

const char *rebalance_operator_build_commit(void) {
    return REBALANCE_OPERATOR_COMMIT;
}
