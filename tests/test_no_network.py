"""baocao never opens a socket: parsing, ingesting, comparing and checking run in a process whose
audit hook stops any socket from being created, connected or bound, or any host from being looked up.

`parse --html` is apart: it imports spaCy (displaCy draws the page), and importing spaCy imports
urllib3, which creates an IPv6 socket at import time to probe ::1. It connects nowhere; the
second test lets that probe be and stops every connection, look-up and send."""
import subprocess
import sys

from archive_helpers import ROOT

SCRIPT = r'''
import sys
events = []

STRICT = sys.argv[2] == "strict"
FORBIDDEN = ("socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.sendto", "socket.sendmsg",
             "urllib.Request", "http.client.connect")

def no_network(event, args):
    if (STRICT and event.startswith("socket.")) or event in FORBIDDEN:
        events.append(event)
        raise RuntimeError(f"network use: {event}")

sys.addaudithook(no_network)
sys.path.insert(0, "scripts")
from click.testing import CliRunner
from pipeline.cli import cli

tmp = sys.argv[1]
db = f"{tmp}/archive.sqlite"
steps = [] if STRICT else [["parse", "corpus/reports/lung-phinh_2026-05_seed.docx", "--html", f"{tmp}/seed.html"]]
steps += [
    ["parse", "corpus/reports/lung-phinh_2026-05_seed.docx", "--json"],
    ["ingest", "corpus/reports", "--db", db, "--jobs", "2"],
    ["ingest", "corpus/variants", "--db", db],
    ["reports", "--db", db],
    ["show", "1", "--db", db],
    ["compare", "--db", db, "--xlsx", f"{tmp}/c.xlsx", "--html", f"{tmp}/c.html"],
    ["compare", "--db", db, "--citations", "--csv"],
    ["check", "corpus/reports"],
    ["check", "corpus/reports/lung-phinh_2026-05_seed.docx", "--annotate", f"{tmp}/annotated.docx"],
    ["rules", "validate"],
    ["eval"],
]
for step in steps:
    result = CliRunner().invoke(cli, step)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code == 0, (step, result.output)
print("socket events:", len(events))
'''


def _run(tmp_path, mode):
    result = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path), mode], cwd=ROOT, capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip().endswith("socket events: 0")


def test_parse_ingest_compare_check_open_no_socket(tmp_path):
    _run(tmp_path, "strict")


def test_the_html_view_connects_nowhere(tmp_path):
    _run(tmp_path, "no-connections")
