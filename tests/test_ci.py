"""`.ci/run` runs both of the README's set-up commands, exactly as the README writes them."""

from __future__ import annotations

import re
import subprocess

from .conftest import ROOT

CI = ROOT / ".ci" / "run"


def readme_commands() -> list[str]:
    """The commands of the README's "Set-up: two commands" block, in order."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"^## Set-up: two commands\n.*?```sh\n(.*?)```", text, re.S | re.M)
    assert block, "README.md has no 'Set-up: two commands' sh block"
    return [line for line in block[1].splitlines() if line.strip() and not line.startswith("#")]


def ci_commands() -> dict[int, str]:
    """The line after each "# README, command N:" marker of .ci/run."""
    lines = CI.read_text(encoding="utf-8").splitlines()
    return {int(m[1]): lines[i + 1] for i, line in enumerate(lines)
            if (m := re.fullmatch(r"# README, command (\d+):", line))}


def test_ci_runs_every_readme_command_verbatim_and_in_order() -> None:
    commands = readme_commands()
    assert len(commands) == 2 and "kg build data/samples" in commands[0] and "pytest" in commands[1]
    assert ci_commands() == dict(enumerate(commands, 1))


def test_ci_keeps_the_tour_out_of_the_checkout() -> None:
    script = CI.read_text(encoding="utf-8")
    assert re.search(r'export KG_STORE="\$tour/kg-store"', script) and 'tour="$(mktemp -d)"' in script
    assert script.index("export KG_STORE") < script.index("# README, command 1:")
    assert script.index("# README, command 1:") < script.index("unset KG_STORE") < script.index("# README, command 2:")
    assert "set -euo pipefail" in script  # a failing command fails CI


def test_ci_script_is_valid_bash() -> None:
    result = subprocess.run(["bash", "-n", str(CI)], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
