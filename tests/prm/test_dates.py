import datetime

from prm.lib.dates import day_label


def test_day_label_writes_the_day_without_a_leading_zero():
    assert day_label(datetime.date(2027, 3, 5)) == "5 Mar 2027"
    assert day_label(datetime.date(2026, 12, 31)) == "31 Dec 2026"
