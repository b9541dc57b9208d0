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


def test_report_judges_the_mix_during_scoring(tmp_path):
    import json
    import subprocess
    import sys

    header = "Type,Name,Request Count,Failure Count,Requests/s,50%,95%,99%\n"

    def stats(name, rps, p95, errors=0):
        path = tmp_path / f"{name}.csv"
        path.write_text(header + f",/x,100,{errors},{rps},40,{p95},{p95}\n"
                        f",Aggregated,100,{errors},{rps},40,{p95},{p95}\n")  # fmt: skip
        return str(path)

    phase = tmp_path / "phase.json"
    phase.write_text(json.dumps({"sign_in_seconds": 2, "sign_in_requests": 30,
                                 "sign_in_errors": 0}))  # fmt: skip
    runs = tmp_path / "runs.json"
    runs.write_text(json.dumps([{"status": "done", "partners": 1000, "seconds": 4.2,
                                 "error": ""}]))  # fmt: skip
    common = [sys.executable, str(ROOT / "scripts" / "loadtest_report.py"),
              stats("floor", 500, 20), stats("mix", 160, 90), str(phase), "--users", "30",
              "--seconds", "60", "--workers", "3", "--threads", "1", "--partners", "1000",
              "--scoring-runs", str(runs)]  # fmt: skip

    met = subprocess.run([*common, "--scoring", stats("scoring", 120, 250)],
                         capture_output=True, text=True)  # fmt: skip
    assert met.returncode == 0, met.stdout
    assert "1 runs of 1,000 partners completed" in met.stdout
    assert "All targets met." in met.stdout

    slow = subprocess.run([*common, "--scoring", stats("scoring", 100, 420)],
                          capture_output=True, text=True)  # fmt: skip
    assert slow.returncode == 1
    assert "p95 during scoring 420 ms > 300 ms" in slow.stdout
