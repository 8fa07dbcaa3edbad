// Tests for KubeTestServer live beside this file; this file keeps the target non-empty until they land.
