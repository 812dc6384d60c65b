"""Every command and option a user can type is in the README."""
import click

from conftest import ROOT
from pipeline.cli import cli

README = (ROOT / "README.md").read_text(encoding="utf-8")


def commands(group, prefix="baocao"):
    for name, command in group.commands.items():
        path = f"{prefix} {name}"
        if isinstance(command, click.Group):
            yield from commands(command, path)
        else:
            yield path, command


def test_every_command_is_documented():
    for path, _ in commands(cli):
        assert f"`{path}" in README, f"{path} is not in the README"


def test_every_option_is_documented():
    for path, command in commands(cli):
        for param in command.params:
            if isinstance(param, click.Option):
                assert any(opt in README for opt in param.opts), f"{path} {param.opts} is not in the README"


def test_the_version_answers_to_the_short_flag_too():
    """Issue 10, item 15: `baocao -V` was 'no such option'."""
    import tomllib

    from click.testing import CliRunner

    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    for flag in ("-V", "--version"):
        result = CliRunner().invoke(cli, [flag])
        assert (result.exit_code, result.output) == (0, f"baocao, version {version}\n")
