"""`make loadtest` is wired up: the target exists, its scripts parse and locust stays out.

The load test itself runs for minutes against gunicorn and is never part of `make test`;
locust (which patches the standard library on import) is compiled here, never imported.
"""

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_locustfile_compiles_without_importing_locust():
    source = (ROOT / "scripts" / "locustfile.py").read_text()
    compile(source, "scripts/locustfile.py", "exec")
    for user in ("ManagerUser", "ApiUser", "PortalUser", "FloorUser"):
        assert f"class {user}(" in source
    compile((ROOT / "scripts" / "loadtest_report.py").read_text(), "loadtest_report.py", "exec")


def test_makefile_has_the_loadtest_target():
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^loadtest:.*\n\t.*scripts/loadtest\.sh", makefile, re.M)
    assert re.search(r"^\.PHONY:.*\bloadtest\b", makefile, re.M)


def test_loadtest_script_parses_and_pins_locust_in_its_own_venv():
    script = ROOT / "scripts" / "loadtest.sh"
    subprocess.run(["bash", "-n", str(script)], check=True)
    text = script.read_text()
    assert "LOCUST_VERSION=2.47.0" in text and "var/loadtest-venv" in text
    assert "locust" not in (ROOT / "pyproject.toml").read_text()
    # Plain HTTP on loopback: HTTPS redirect and Secure cookies off, explicitly.
    assert "SECURE_SSL_REDIRECT=false" in text and "SECURE_COOKIES=false" in text
