#ifndef REBALANCE_OPERATOR_BUILD_INFO_H
#define REBALANCE_OPERATOR_BUILD_INFO_H

/// The commit the binary was built from, as Package.swift found it when the build ran: the environment variable
/// REBALANCE_OPERATOR_COMMIT (the Docker build passes it), else git's HEAD (with "-dirty" for uncommitted changes),
/// else "unknown". Never NULL; a static string.
const char *rebalance_operator_build_commit(void);

#endif
