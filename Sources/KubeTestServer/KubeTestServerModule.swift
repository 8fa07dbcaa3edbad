/// A Kubernetes API server double for tests and `dev`. Built in issue 3.
enum KubeTestServerModule {}
