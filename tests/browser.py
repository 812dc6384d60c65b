"""Open a page in real headless Chromium (Debian's package): its DOM after rendering, a screenshot,
or what a script measures in the laid-out page."""
import json
import shutil
import subprocess
from pathlib import Path

from lxml import html as lxml_html

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars"]


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    assert found, "Chromium is missing: `make test` installs it (scripts/install-system-deps.sh)"
    return found


def _browser(workdir: Path, size: str) -> list[str]:
    return [chromium(), *FLAGS, f"--user-data-dir={workdir / 'chromium-profile'}", f"--window-size={size}"]


def _dom(page: Path, workdir: Path, size: str) -> str:
    return subprocess.run([*_browser(workdir, size), "--dump-dom", page.resolve().as_uri()], capture_output=True,
                          text=True, timeout=120, check=True).stdout


def render(page: Path, workdir: Path, size: str = "1280,2400") -> tuple[str, Path]:
    dom = _dom(page, workdir, size)
    shot = workdir / "page.png"
    subprocess.run([*_browser(workdir, size), f"--screenshot={shot}", page.resolve().as_uri()], capture_output=True,
                   timeout=120, check=True)
    return dom, shot


def measure(page: Path, workdir: Path, script: str, size: str = "1280,2400"):
    """The value of a JavaScript expression evaluated in the page once it is laid out (boxes,
    computed styles), as JSON. The page itself has no script: a copy gets one at its end."""
    source = page.read_text(encoding="utf-8")
    at = source.rindex("</body>")
    probe = workdir / f"measured-{page.name}"
    probe.write_text(f"{source[:at]}<script>document.documentElement.dataset.measured = "
                     f"JSON.stringify(({script}));</script>{source[at:]}", encoding="utf-8")
    return json.loads(lxml_html.fromstring(_dom(probe, workdir, size)).get("data-measured"))
