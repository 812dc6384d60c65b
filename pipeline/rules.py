"""Load the rule files in `rules/` once, and refuse any entry that cannot match its own examples."""
from __future__ import annotations

import functools
import os
import re
from pathlib import Path
from typing import Any

import yaml

from pipeline.errors import RuleError

RULES_DIR = Path(os.environ.get("BAOCAO_RULES", Path(__file__).resolve().parent.parent / "rules"))
# libyaml's loader reads the rule files five times faster than PyYAML's own, which every command
# paid on start; the wheels pip installs carry it, a build without it falls back to the slow one.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@functools.lru_cache(maxsize=None)
def load(name: str) -> dict[str, Any]:
    """One rule file as data (`name` without .yaml), cached for the process."""
    path = RULES_DIR / f"{name}.yaml"
    try:
        data = read_yaml(path)
    except FileNotFoundError:
        raise RuleError(f"{path}: rule file is missing") from None
    if not isinstance(data, dict):
        raise RuleError(f"{path}: expected a mapping at the top level")
    return data


def read_yaml(path: Path) -> Any:
    """A YAML file's data. A file that is not UTF-8 or not YAML is a `RuleError` of one line naming
    the file and where it breaks: the parser's own message spans lines and names no file."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise RuleError(f"{path}: not valid YAML ({exc})") from None
    try:
        return yaml.load(text, Loader=_YAML_LOADER)
    except yaml.YAMLError:
        pass
    try:  # read again by PyYAML's own loader, whose message says where the file breaks as a person counts
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise RuleError(f"{path}: not valid YAML ({_yaml_problem(exc)})") from None


def _yaml_problem(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    if mark is None:
        return " ".join(str(exc).split())
    since = f"; {exc.context} from line {exc.context_mark.line + 1}" if exc.context_mark else ""
    return f"line {mark.line + 1}, column {mark.column + 1}: {exc.problem}{since}"


def entries(name: str, section: str) -> list[dict[str, Any]]:
    """The entries of one section of a rule file; each must carry a non-empty `examples` list."""
    items = load(name).get(section)
    if not isinstance(items, list) or not items:
        raise RuleError(f"{RULES_DIR / name}.yaml: section '{section}' is missing or empty")
    for item in items:
        if not isinstance(item, dict) or not item.get("examples"):
            raise RuleError(f"{RULES_DIR / name}.yaml: an entry of '{section}' has no examples: {item!r}")
    return items


def compile_checked(pattern: str, examples: list[str], where: str, flags: int = 0) -> re.Pattern:
    """Compile a rule's pattern; fail loudly if it is invalid or misses one of its own examples."""
    try:
        compiled = re.compile(pattern, flags)
    except re.error as exc:
        raise RuleError(f"{where}: pattern does not compile ({exc}): {pattern}") from None
    for example in examples:
        if not compiled.search(example):
            raise RuleError(f"{where}: pattern never matches its example {example!r}")
    return compiled


def alternation(phrases: list[str], spellings: bool = False) -> str:
    """A regex matching any of the phrases, longest first, with flexible white space inside each.

    Written as a prefix tree ("m(?:ột|ười|ươi)" rather than "một|mười|mươi"): Python's regex
    engine tries the branches of an alternation one by one, so a tree of a hundred count nouns
    is tried in a handful of steps. With `spellings`, each phrase also in sentence case and in
    capitals: a case-sensitive pattern runs about three times faster than re.IGNORECASE."""
    if spellings:
        phrases = [v for p in phrases for v in (p.lower(), p[:1].upper() + p[1:].lower(), p.upper(), p)]
    tree: dict = {}
    for phrase in phrases:
        node = tree
        for char in " ".join(phrase.split()):
            node = node.setdefault(char, {})
        node[""] = {}
    return _tree_pattern(tree)


def _tree_pattern(node: dict) -> str:
    branches = [(r"\s+" if char == " " else re.escape(char)) + _tree_pattern(child)
                for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    joined = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # A phrase may end here or go on: the longer is tried first, as the longest alternative would be.
    return f"(?:{joined})?" if "" in node else joined
