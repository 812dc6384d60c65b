"""Open a page in real headless Chromium (Debian's package): its DOM after rendering, a screenshot."""
import shutil
import subprocess
from pathlib import Path

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars"]


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    assert found, "Chromium is missing: `make test` installs it (scripts/install-system-deps.sh)"
    return found


def render(page: Path, workdir: Path, size: str = "1280,2400") -> tuple[str, Path]:
    profile = workdir / "chromium-profile"
    base = [chromium(), *FLAGS, f"--user-data-dir={profile}", f"--window-size={size}"]
    dom = subprocess.run([*base, "--dump-dom", page.resolve().as_uri()], capture_output=True, text=True,
                         timeout=120, check=True).stdout
    shot = workdir / "page.png"
    subprocess.run([*base, f"--screenshot={shot}", page.resolve().as_uri()], capture_output=True, timeout=120, check=True)
    return dom, shot
