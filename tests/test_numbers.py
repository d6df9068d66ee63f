"""nl.numbers: table cells read the Dutch way and the units tables state."""
from decimal import Decimal

import pytest

from rbtool.nl.numbers import (cell_value, is_caption, is_continuation, is_numeric_cell, is_percentage, table_unit,
                                to_euros)


@pytest.mark.parametrize("text, value", [
    ("1.234", Decimal(1234)), ("28.287", Decimal(28287)), ("0,4", Decimal("0.4")), ("626", Decimal(626)),
    ("– 1.234", Decimal(-1234)), ("-1.234", Decimal(-1234)), ("−0,4", Decimal("-0.4")),
    ("12,5%", Decimal("12.5")), ("1.234.567", Decimal(1234567)), ("4.512¹", Decimal(4512)),
    ("€ 1.000", Decimal(1000)), ("+3", Decimal(3)),
])
def test_cell_value(text, value):
    assert cell_value(text) == value


@pytest.mark.parametrize("text", ["–", "PM", "", "Totaal", "2,9 procent", "artikel 1", "1.2.3"])
def test_cell_without_value(text):
    assert cell_value(text) is None


def test_placeholders_are_numeric_cells():
    assert is_numeric_cell("–") and is_numeric_cell("PM") and is_numeric_cell("p.m.")
    assert not is_numeric_cell("Uitgaven") and not is_numeric_cell("")


@pytest.mark.parametrize("text, unit", [
    ("Uitgaven niet-beleidsartikel (bedragen x € 1.000)", 1000), ("x € mln", 10**6), ("x € 1 mln", 10**6),
    ("Tabel 2 Kerncijfers (in miljarden euro)", 10**9), ("bedragen in miljoenen euro", 10**6),
    ("(bedragen x € 1 miljoen)", 10**6), ("Tabel 3 Aandeel (in %)", None), ("Tabel 1 Kerncijfers", None),
    ("in miljoenen inwoners", None),
])
def test_table_unit(text, unit):
    assert table_unit(text) == unit


def test_to_euros():
    assert to_euros("– 1.234", 1000) == -1_234_000
    assert to_euros("0,4", 10**9) == 400_000_000
    assert to_euros("12,5%", 1000) is None and is_percentage("12,5%")
    assert to_euros("PM", 1000) is None and to_euros("28.287", None) is None


@pytest.mark.parametrize("text, caption", [
    ("Tabel 2.1 Budgettaire gevolgen van beleid", True), ("Overzicht 3 Fondsen", True), ("Table 4 Costs", True),
    ("Begrotingsstaat van het ministerie", True), ("tabel hieronder staan de gevolgen", False),
    ("Tabellen en figuren", False), ("Staat van de Unie", False),
])
def test_is_caption(text, caption):
    assert is_caption(text) is caption


def test_is_continuation():
    assert is_continuation("Tabel 6 Subsidieregelingen (vervolg)") and not is_continuation("Tabel 6 Subsidies")
