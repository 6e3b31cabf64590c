import datetime as dt

from vanban.extract import dates


def test_last_day_of_month_and_quarter() -> None:
    assert dates.month_end(2020, 2) == dt.date(2020, 2, 29)
    assert dates.month_end(2019, 2) == dt.date(2019, 2, 28)
    assert dates.quarter_end(2013, 4) == dt.date(2013, 12, 31)
    assert dates.quarter_end(2020, 1) == dt.date(2020, 3, 31)
    assert dates.year_end(2013) == dt.date(2013, 12, 31)


def test_impossible_dates_are_none() -> None:
    assert dates.safe_date(2020, 4, 31) is None
    assert dates.safe_date(2019, 2, 29) is None
    assert dates.safe_date(2020, 13, 1) is None
    assert dates.safe_date(None, 3, 1) is None
    assert dates.month_end(2020, 0) is None
    assert dates.quarter_end(2020, 5) is None


def test_two_digit_and_out_of_range_years() -> None:
    assert dates.full_year(20) == 2020
    assert dates.full_year(1800) is None
    assert dates.safe_date(20, 3, 15) == dt.date(2020, 3, 15)


def test_quarter_numbers() -> None:
    assert [dates.quarter_number(q) for q in ("I", "ii", "III", "IV", "3", "V")] == [
        1, 2, 3, 4, 3, None
    ]
