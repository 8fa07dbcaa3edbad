"""Runs the Kubernetes Python client's own end-to-end tests against the test API server.

Usage: python run_suite.py SUITE_DIR SKIP_LIST KUBECONFIG WORK_DIR [pytest args...]

SUITE_DIR holds one client release's upstream tests, copied from kubernetes-client/python: `e2e_test/` (the
package `kubernetes.e2e_test`) and `dynamic_test_client.py` (`kubernetes/base/dynamic/test_client.py`, the dynamic
client's tests). Neither ships in the PyPI wheel, so they are laid over the installed `kubernetes` package in
WORK_DIR: a `kubernetes/` folder of symbolic links to the installed package's entries, with `e2e_test/` and
`dynamic/test_client.py` added. The installed package itself is not modified.

The upstream tests find the cluster through `~/.kube/config` or `$KUBECONFIG` (`e2e_test/base.py`); KUBECONFIG is
set to the given file. Tests listed in SKIP_LIST (`module::Class::test  reason`, one a line, `#` comments) are
skipped with their reason; an entry that names no collected test fails the run, so the list cannot go stale.
The exit status is pytest's: non-zero when any other test fails.
"""
import os
import shutil
import sys


def overlay_package(suite_dir, work_dir):
    import importlib.util

    # Found without importing it: `kubernetes` must first be imported from the overlay.
    installed = importlib.util.find_spec("kubernetes").submodule_search_locations[0]
    package = os.path.join(work_dir, "kubernetes")
    if os.path.exists(package):
        shutil.rmtree(package)
    os.makedirs(package)
    for entry in os.listdir(installed):
        if entry in ("dynamic", "e2e_test", "__pycache__"):
            continue
        os.symlink(os.path.join(installed, entry), os.path.join(package, entry))
    dynamic = os.path.join(package, "dynamic")
    os.makedirs(dynamic)
    for entry in os.listdir(os.path.join(installed, "dynamic")):
        if entry != "__pycache__":
            os.symlink(os.path.join(installed, "dynamic", entry), os.path.join(dynamic, entry))
    shutil.copy(os.path.join(suite_dir, "dynamic_test_client.py"), os.path.join(dynamic, "test_client.py"))
    shutil.copytree(os.path.join(suite_dir, "e2e_test"), os.path.join(package, "e2e_test"))
    return package


def read_skip_list(path):
    skipped = {}
    with open(path) as handle:
        for line in handle:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            test, _, reason = line.partition(" ")
            skipped[test] = reason.strip() or "listed in skipped.txt"
    return skipped


CONFTEST = '''
import pytest

SKIPPED = %r
seen = set()


def pytest_collection_modifyitems(config, items):
    for item in items:
        test_id = item.nodeid.split("kubernetes/", 1)[-1]
        if test_id in SKIPPED:
            seen.add(test_id)
            item.add_marker(pytest.mark.skip(reason="not served by the test server: " + SKIPPED[test_id]))
    stale = sorted(set(SKIPPED) - seen)
    if stale:
        raise pytest.UsageError("skip list entries that name no collected test: " + ", ".join(stale))
'''


def main():
    suite_dir, skip_list, kubeconfig, work_dir = sys.argv[1:5]
    extra = sys.argv[5:]
    os.makedirs(work_dir, exist_ok=True)
    os.environ["KUBECONFIG"] = kubeconfig
    os.environ["HOME"] = work_dir
    package = overlay_package(os.path.abspath(suite_dir), work_dir)
    with open(os.path.join(work_dir, "conftest.py"), "w") as handle:
        handle.write(CONFTEST % read_skip_list(skip_list))
    sys.path.insert(0, work_dir)
    # test_utils.py reads its YAML files relative to the working directory (`kubernetes/e2e_test/test_yaml/`).
    os.chdir(work_dir)
    import pytest

    targets = [os.path.join(package, "e2e_test"), os.path.join(package, "dynamic", "test_client.py")]
    args = ["-q", "-rs", "-p", "no:cacheprovider", "--rootdir", work_dir, "-o", "console_output_style=classic"]
    sys.exit(pytest.main(args + extra + targets))


if __name__ == "__main__":
    main()
