"""The GitHub Pages workflow is schema-valid, clean under zizmor, least-privileged and pinned."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
PAGES = WORKFLOWS / "pages.yml"
PINNED = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40}$")


def tool(name: str) -> str:
    """A command installed beside this Python (the project's .venv), else on PATH."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        pytest.fail(f"{name} is not installed: run `make test` (it installs requirements-dev.txt)")
    return found


def run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True)


@pytest.fixture(scope="module")
def workflow() -> dict:
    # PyYAML reads the key `on` as the boolean True (YAML 1.1).
    return yaml.safe_load(PAGES.read_text("utf-8"))


def test_the_workflow_matches_githubs_schema():
    result = run(tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(PAGES))
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing_in_the_workflows():
    result = run(tool("zizmor"), "--offline", "--no-progress", str(WORKFLOWS))
    assert result.returncode == 0, result.stdout + result.stderr


def test_it_runs_on_a_push_to_main_and_by_hand(workflow):
    triggers = workflow[True]
    assert triggers["push"] == {"branches": ["main"]}
    assert "workflow_dispatch" in triggers


def test_it_has_least_privileges(workflow):
    assert workflow["permissions"] == {"contents": "read"}
    jobs = workflow["jobs"]
    assert "permissions" not in jobs["build"], "the build job inherits read-only access"
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["deploy"]["environment"]["name"] == "github-pages"


def test_one_publish_runs_at_a_time(workflow):
    assert workflow["concurrency"]["group"]
    assert workflow["concurrency"]["cancel-in-progress"] is False


def test_it_builds_with_make_build_and_publishes_hidden_files(workflow):
    steps = workflow["jobs"]["build"]["steps"]
    assert any(step.get("run") == "make build" for step in steps)
    assert re.search(r"^build: .*## ", (ROOT / "Makefile").read_text("utf-8"), re.MULTILINE), "make build is a documented task"
    (upload,) = [s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert upload["with"]["path"].rstrip("/") == "build"
    assert upload["with"]["include-hidden-files"] is True, ".nojekyll starts with a dot"
    (checkout,) = [s for s in steps if s.get("uses", "").startswith("actions/checkout@")]
    assert checkout["with"]["persist-credentials"] is False


def test_every_action_is_pinned_to_a_commit_with_its_version_beside_it(workflow):
    text = PAGES.read_text("utf-8")
    uses = [step["uses"] for job in workflow["jobs"].values() for step in job["steps"] if "uses" in step]
    assert {u.split("@")[0] for u in uses} == {
        "actions/checkout", "actions/setup-python", "actions/upload-pages-artifact", "actions/deploy-pages"}
    for ref in uses:
        assert PINNED.match(ref), ref
        assert re.search(rf"{re.escape(ref)} # v\d+\.\d+\.\d+$", text, re.MULTILINE), f"{ref} has no '# vX.Y.Z' comment"
    assert "upload-pages-artifact@fc324d3547104276b827a68afc52ff2a11cc49c9 # v5." in text
    assert "deploy-pages@cd2ce8fcbc39b97be8ca5fce6e763baed58fa128 # v5." in text
