"""Write outputs/mutation.txt from mutmut's results (`make mutation` runs it after `mutmut run`).

The score of each module mutated, then every mutant not killed: module, function, line in the
source, status and the diff, so a survivor can be read (and listed in the README) without mutmut.
"""
from __future__ import annotations

import ast
import sys
from collections import Counter
from pathlib import Path

from mutmut.configuration import config
from mutmut.mutation.data import SourceFileMutationData
from mutmut.mutation.diff_apply import get_diff_for_mutant
from mutmut.stats import status_by_exit_code
from mutmut.utils.file_utils import walk_mutatable_files

OUT = Path("outputs/mutation.txt")
KILLED = {"killed", "caught by type check"}


def function_starts(path: Path) -> dict[str, int]:
    """First line (decorators included) of each function, named as mutmut names them."""
    starts = {}
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    starts[f"xǁ{node.name}ǁ{item.name}"] = min([item.lineno] + [d.lineno for d in item.decorator_list])
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            starts.setdefault(f"x_{node.name}", min([node.lineno] + [d.lineno for d in node.decorator_list]))
    return starts


def source_line(diff: str, start: int) -> int:
    """The line of the source the diff changes: the diff numbers lines from the function's start."""
    offset, in_hunk = 0, False
    for line in diff.splitlines():
        if line.startswith("@@"):
            offset, in_hunk = int(line.split()[1].split(",")[0].lstrip("-")) - 1, True
        elif in_hunk and line.startswith("-"):
            return start + offset
        elif in_hunk and not line.startswith("+"):
            offset += 1
    return start


def main() -> int:
    config()  # read [tool.mutmut] while the working directory is the project's
    scores, survivors = [], []
    for path in sorted(walk_mutatable_files()):
        data = SourceFileMutationData(path=path)
        data.load()
        statuses = {name: status_by_exit_code[code] for name, code in data.exit_code_by_key.items()}
        tried = {name: s for name, s in statuses.items() if s != "not checked"}
        if not tried:
            continue
        counts = Counter(tried.values())
        killed = sum(counts[s] for s in KILLED)
        scores.append(f"{str(path):28} {killed:5} / {len(tried):<5} killed {100 * killed / len(tried):5.1f} %   "
                      + ", ".join(f"{s} {n}" for s, n in sorted(counts.items()) if s not in KILLED))
        starts = function_starts(path)
        for name, status in sorted(tried.items(), key=lambda item: item[0]):
            if status in KILLED:
                continue
            function = name.rpartition(".")[2].rpartition("__mutmut_")[0]
            diff = get_diff_for_mutant(name, path=path)
            line = source_line(diff, starts.get(function, 0))
            readable = function.removeprefix("x_").replace("xǁ", "").replace("ǁ", ".")
            survivors.append(f"{path}:{line}  {readable}  {status}  ({name})\n{diff}\n")
    if not scores:
        print("no mutation results: run `mutmut run` first", file=sys.stderr)
        return 1
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text("Mutation score (mutmut, fast tests; see [tool.mutmut] in pyproject.toml)\n\n"
                   + "\n".join(scores) + f"\n\n{len(survivors)} mutants not killed\n\n" + "\n".join(survivors),
                   encoding="utf-8")
    print("\n".join(scores))
    print(f"baocao: wrote {OUT} ({len(survivors)} mutants not killed)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
