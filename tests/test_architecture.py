"""The layer contracts (pyproject.toml, tools/architecture.py) hold, and they catch a breach:
a copy of the project with one selector call replaced by `OtherApp.objects` fails
`lint-imports`, as CI would."""

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tools.architecture import manager_accesses

ROOT = Path(__file__).resolve().parent.parent
APPS = {"prm", "partners", "relationships", "incentives", "performance", "planning"}
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def accesses(source: str, module: str = "incentives.selectors.program", **kwargs) -> list:
    found = manager_accesses(textwrap.dedent(source), module=module, apps=APPS, **kwargs)
    return [(access.line, access.model) for access in found]


@pytest.mark.parametrize(
    "source",
    [
        "from partners.models import Partner\nPartner.objects.all()\n",
        "from partners.models import Partner as P\nP.objects.filter(pk=1)\n",
        "from partners import models\nmodels.Partner.objects.count()\n",
        "import partners.models\npartners.models.Partner.objects.count()\n",
        "import partners.models as pm\npm.Contact.objects.count()\n",
        "from partners.models import Partner\nPartner.territories.through.objects.all()\n",
        "from partners.models import Partner\nPartner._default_manager.all()\n",
        "from django.apps import apps\napps.get_model('partners', 'Partner').objects.all()\n",
        "from django.apps import apps\nmodel = apps.get_model('partners.Partner')\nmodel.objects\n",
        "def f():\n    from partners.models import Partner\n    return Partner.objects.all()\n",
    ],
)
def test_reading_another_apps_table_through_its_manager_is_found(source):
    found = accesses(source)
    assert len(found) == 1 and found[0][1] in ("partners.Partner", "partners.Contact")


@pytest.mark.parametrize(
    "source",
    [
        "from partners import selectors\nselectors.partners().filter(pk=1)\n",
        "from partners.models import Partner\nPartner.Status.ACTIVE\nPartner._meta.verbose_name\n",
        "from ..models import Benefit\nBenefit.objects.all()\n",
        "from incentives.models import Benefit\nBenefit.objects.all()\n",
        "from django.apps import apps\napps.get_model('incentives', 'Benefit').objects.all()\n",
        "from prm.models import User\nUser.objects.vendor_staff()\n",
    ],
)
def test_types_choices_selectors_and_own_models_are_fine(source):
    assert accesses(source, allowed_models={"prm.User"}) == []


def test_the_core_may_not_read_a_domain_table_either():
    source = (
        "from django.apps import apps\napps.get_model('partners', 'Partner').objects.exists()\n"
    )
    assert accesses(source, module="prm.management.commands.seed_demo") == [(2, "partners.Partner")]


def _lint(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "COLUMNS": "200", "PYTHONPATH": str(cwd)},
        timeout=120,
    )


def test_the_contracts_hold_for_the_project():
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "Contracts: 3 kept, 0 broken." in result.stdout


def _copy_project(target: Path) -> Path:
    for name in ("pyproject.toml", "tools", *sorted(APPS)):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, target / name)
    return target


def test_replacing_a_selector_call_with_another_apps_objects_breaks_the_contracts(tmp_path):
    project = _copy_project(tmp_path)
    module = project / "incentives" / "forms" / "program.py"
    source = module.read_text()
    assert "partner_selectors.tiers()" in source
    module.write_text(
        "from partners.models import ProgramTier\n"
        + source.replace("partner_selectors.tiers()", "ProgramTier.objects.order_by('rank')", 1)
    )
    result = _lint(project)
    assert result.returncode != 0
    assert "reads partners.ProgramTier through its manager" in result.stdout


def test_a_lower_layer_importing_a_higher_one_breaks_the_contracts(tmp_path):
    project = _copy_project(tmp_path)
    module = project / "incentives" / "selectors" / "__init__.py"
    module.write_text(module.read_text() + "\nimport performance.selectors  # noqa\n")
    result = _lint(project)
    assert result.returncode != 0
    assert "incentives is not allowed to import performance" in result.stdout


def test_importing_another_apps_private_module_breaks_the_contracts(tmp_path):
    project = _copy_project(tmp_path)
    module = project / "performance" / "selectors" / "__init__.py"
    module.write_text(module.read_text() + "\nimport incentives.views  # noqa\n")
    result = _lint(project)
    assert result.returncode != 0
    assert "performance.selectors -> incentives.views" in result.stdout
