import io

import pytest
from django.core.management import CommandError, call_command

from sendboard.casework.models import Child
from tests.returns.samples import person, write

pytestmark = pytest.mark.django_db


def test_import_sen2_loads_then_skips_the_same_file(area, tmp_path):
    path = write(tmp_path / "a.xml", [person(n) for n in range(1, 4)])
    out = io.StringIO()
    call_command("import_sen2", str(path), stdout=out)
    call_command("import_sen2", str(path), stdout=out)
    assert Child.objects.count() == 3
    assert "loaded {'person': 3, 'request': 3}" in out.getvalue() and "loaded before" in out.getvalue()


def test_import_sen2_reports_every_problem_and_loads_nothing(area, tmp_path):
    path = write(tmp_path / "a.xml", [person(1, sex="Q")])
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 problems, nothing loaded"):
        call_command("import_sen2", str(path), stdout=io.StringIO(), stderr=err)
    assert "Person 1 (line 5) | Sex | code list |" in err.getvalue()
    assert Child.objects.count() == 0
