"""Measures: scored against the ground truth with the project's own yardstick (tests/eval/score_extract.py),
plus small synthetic documents for the structural rules, and the CLI helpers over the truth's measures.

Run with -s to see the accuracy table per ministry."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from conftest import DATA, PDFS
from rbtool import model
from rbtool.errors import UsageError
from rbtool.queries.measures import build_measures, filter_measures, measure_to_row, summarize

sys.path.insert(0, str(Path(__file__).parent / "eval"))
from score_extract import match, norm, score  # noqa: E402  (the yardstick is a script, not a package)

REQUIRED = 0.99  # the bar for recall, precision and per-field correctness


def load_truth(name: str) -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def per_ministry_table(measures: list[model.Measure], truth: dict) -> list[dict]:
    """Recall, precision and field correctness per ministry, matched like the scorer does."""
    truth_m = [b for b in truth["blocks"] if b["kind"] == "bullet" and b.get("ministerie")]
    pairs = match([t["text"] for t in truth_m], [m.text for m in measures])
    rows = []
    for code in sorted({t["ministerie"] for t in truth_m} | {m.ministerie for m in measures}):
        mine = [(i, j) for i, j, _ in pairs if truth_m[i]["ministerie"] == code]
        n_truth = sum(1 for t in truth_m if t["ministerie"] == code)
        n_found = sum(1 for m in measures if m.ministerie == code)
        right = {"text": 0, "ministry": 0, "theme": 0, "page": 0, "amounts": 0}
        for i, j in mine:
            t, m = truth_m[i], measures[j]
            right["text"] += norm(t["text"]) == norm(m.text)
            right["ministry"] += t["ministerie"] == m.ministerie
            right["theme"] += norm(t["theme"]) == norm(m.theme)
            right["page"] += t["page"] == m.page
            right["amounts"] += (sorted(a["eur"] for a in t.get("amounts") or [] if a["eur"] is not None)
                                 == sorted(a.eur for a in m.amounts if a.eur is not None))
        found_here = sum(1 for _, j in mine if measures[j].ministerie == code)
        rows.append({"ministerie": code, "truth": n_truth, "found": n_found,
                     "recall": len(mine) / n_truth if n_truth else 1.0,
                     "precision": found_here / n_found if n_found else 1.0,
                     **{k: v / len(mine) if mine else 0.0 for k, v in right.items()}})
    return rows


def report_and_check(measures: list[model.Measure], truth: dict, label: str) -> dict:
    export = {"blocks": [], "measures": [measure_to_row(m) for m in measures]}
    overall = score(export, truth)["measures"]
    table = per_ministry_table(measures, truth)
    print(f"\nmeasures of {label}: " + "  ".join(f"{k}={v}" for k, v in overall.items() if k != "per_ministerie"))
    columns = ("recall", "precision", "text", "ministry", "theme", "page", "amounts")
    print(f"{'ministerie':10} {'truth':>5} {'found':>5} " + " ".join(f"{c:>9}" for c in columns))
    for r in table:
        print(f"{r['ministerie']:10} {r['truth']:5} {r['found']:5} " + " ".join(f"{r[c]:9.3f}" for c in columns))
    for key in ("recall", "precision", "exact_text", "ministerie", "theme", "page"):
        assert overall[key] >= REQUIRED, (key, overall)
    for r in table:
        assert r["recall"] >= REQUIRED and r["precision"] >= REQUIRED, r
    return overall


# ------------------------------------------------------------------------------------------- the truth

def test_measures_of_the_2020_truth(truth_2020):
    overall = report_and_check(build_measures(truth_2020), load_truth("analyse-rijksbegroting-2020.truth.json"),
                               "the 2020 truth")
    assert overall["amounts"] == 1.0  # every amount right


def test_measures_of_the_2021_truth(truth_2021):
    """The synthetic 2021 edition: same structure, other wording and amounts."""
    overall = report_and_check(build_measures(truth_2021),
                               load_truth("analyse-rijksbegroting-2021-testeditie.truth.json"), "the 2021 truth")
    assert overall["amounts"] == 1.0


def test_measure_fields_follow_the_document(truth_2020):
    truth = load_truth("analyse-rijksbegroting-2020.truth.json")
    measures = build_measures(truth_2020)
    by_text = {norm(m.text): m for m in measures}
    with_subitems = [b for b in truth["blocks"] if b["kind"] == "bullet" and b.get("ministerie") and b["subitems"]]
    assert with_subitems
    for bullet in with_subitems:
        m = by_text[norm(bullet["text"])]
        assert [norm(s) for s in m.subitems] == [norm(s) for s in bullet["subitems"]]
        assert m.section == bullet["section"]
    for m in measures:
        assert m.doc == truth_2020.id and m.year == 2020
        assert m.page_label == truth_2020.page_label(m.page)


def test_amounts_in_subitems_belong_to_their_measure(truth_2020):
    """IenW's climate measure names "100 miljoen" only in a sub-item ("waarvoor tussen 2020 en 2024 ...")."""
    measures = build_measures(truth_2020)
    hits = [m for m in measures if not any(a.raw in m.text for a in m.amounts) and m.amounts]
    assert hits and all(any(a.raw in s for s in m.subitems for a in m.amounts) for m in hits)


def test_years_are_mentioned_years_not_amount_digits(truth_2020):
    measures = build_measures(truth_2020)
    groningen = next(m for m in measures if "Nationaal Programma Groningen wordt" in m.text)
    assert groningen.years == ()  # "1,15 miljard euro" holds no year
    omgevingswet = next(m for m in measures if m.text.startswith("Het doel is dat de Omgevingswet"))
    assert omgevingswet.years == (2020, 2021)
    zoetwater = next(m for m in measures if m.text.startswith("Omgaan met droogte"))
    assert zoetwater.years == (2020, 2021, 2022, 2027)  # "2022–2027" gives both ends


# ------------------------------------------------------------------------------------------- structure

def block(i, kind, text, page=1, **extra):
    return model.Block(id=f"b{i:04d}", kind=kind, text=text, page=page, page_end=page, **extra)


def document(blocks, pages=((1, "i"), (2, "ii"))):
    return model.Document(id="synthetic", title="t", year=2030, sha256="0", source_path="t.pdf", page_count=2,
                          pages=tuple(model.Page(i, label) for i, label in pages), blocks=tuple(blocks))


def test_unnumbered_and_nested_ministry_headings():
    doc = document([
        block(1, model.HEADING, "Per ministerie", level=1),
        block(2, model.LIST_ITEM, "Een punt onder een hoofdstuk dat geen ministerie noemt."),
        block(3, model.HEADING, "Ministerie van Asiel en Migratie", level=2),
        block(4, model.SUBHEADING, "Opvang"),
        block(5, model.LIST_ITEM, "Er komen 2 nieuwe azc's in 2031.", subheading="Opvang", section=None),
        block(6, model.SUB_ITEM, "waarvoor 30 miljoen euro per jaar", parent="b0005", subheading="Opvang"),
        block(7, model.HEADING, "Terugkeer", level=3),
        block(8, model.LIST_ITEM, "Een punt in een subsectie van het ministerie.", page=2),
        block(9, model.HEADING, "Financiën", level=2),
        block(10, model.PARAGRAPH, "Een alinea is geen maatregel."),
        block(11, model.NUMBERED_ITEM, "Een genummerd punt is geen maatregel.", number="1"),
        block(12, model.LIST_ITEM, "Een punt van Financiën.", page=2),
        block(13, model.HEADING, "Bijlage", level=1),
        block(14, model.LIST_ITEM, "Een punt na het einde van de ministeries.", page=2),
    ])
    measures = build_measures(doc)
    assert [(m.block_id, m.ministerie) for m in measures] == [("b0005", "AenM"), ("b0008", "AenM"),
                                                               ("b0012", "FIN")]
    first = measures[0]
    assert first.theme == "Opvang" and first.subitems == ("waarvoor 30 miljoen euro per jaar",)
    assert [(a.eur, a.role, a.period) for a in first.amounts] == [(30_000_000, "budget", "per_year")]
    assert first.years == (2031,) and first.page_label == "i"
    assert measures[1].page_label == "ii" and measures[2].ministerie_naam == "Financiën"


def test_numbered_heading_levels_from_their_numbers():
    """Headings without a level: "3.2" is inside "3", and "4" closes both."""
    doc = document([
        block(1, model.HEADING, "Samenvattingen", number="3"),
        block(2, model.HEADING, "Justitie en Veiligheid", number="3.2"),
        block(3, model.LIST_ITEM, "Meer agenten.", section="3.2"),
        block(4, model.HEADING, "Veiligheid in de wijk", number="3.2.1"),
        block(5, model.LIST_ITEM, "Meer wijkagenten.", section="3.2.1"),
        block(6, model.HEADING, "Veiligheid", number="4"),
        block(7, model.LIST_ITEM, "Een thematisch punt.", section="4"),
    ])
    assert [(m.text, m.ministerie, m.section) for m in build_measures(doc)] == [
        ("Meer agenten.", "JenV", "3.2"), ("Meer wijkagenten.", "JenV", "3.2.1")]


def test_a_document_without_ministry_sections_has_no_measures(truth_2020):
    themes_only = document([b for b in truth_2020.blocks if not (b.section or "").startswith("3")])
    assert any(b.kind == model.LIST_ITEM for b in themes_only.blocks)
    assert build_measures(themes_only) == []


# ------------------------------------------------------------------------------------------- helpers

@pytest.fixture(scope="module")
def measures_2020(truth_2020):
    return build_measures(truth_2020)


def test_filter_by_ministry_any_spelling(measures_2020):
    truth = load_truth("analyse-rijksbegroting-2020.truth.json")
    want = sum(1 for b in truth["blocks"] if b.get("ministerie") in ("IenW", "OCW"))
    got = filter_measures(measures_2020, ministeries=["IenV", "onderwijs, cultuur en wetenschap"])
    assert len(got) == want and {m.ministerie for m in got} == {"IenW", "OCW"}
    with pytest.raises(UsageError):
        filter_measures(measures_2020, ministeries=["Ministerie van Sprookjes"])


def test_filter_by_theme_and_text_fold_case_and_diacritics(measures_2020):
    truth = load_truth("analyse-rijksbegroting-2020.truth.json")
    want = [b["text"] for b in truth["blocks"] if b.get("theme") == "Gelijke kansen creëren en talenten tot bloei brengen"]
    assert [m.text for m in filter_measures(measures_2020, thema="GELIJKE KANSEN CREEREN")] == want
    hits = filter_measures(measures_2020, zoek="geintensiveerd")  # the text writes "geïntensiveerd"
    assert hits and all("geïntensiveerd" in (m.text + " ".join(m.subitems)).lower() for m in hits)
    in_subitems = filter_measures(measures_2020, zoek="tweedehandsmarkt")  # only in an IenW sub-item
    assert [m.ministerie for m in in_subitems] == ["IenW"]


def test_filter_by_amount_and_year(measures_2020):
    big = filter_measures(measures_2020, min_eur=1_000_000_000)
    # budget amounts only: the woningbouwimpuls (1 + 0,1 mld), Groningen at BZK (not EZK's mention), Invest-NL,
    # jeugdzorg; not FIN's EMU balance (1,9 + 1,5 + 3,4 mld macro) nor its accres figures (changes)
    assert sorted((m.ministerie, m.budget_eur) for m in big) == [
        ("BZK", 1_100_000_000), ("BZK", 1_150_000_000), ("EZK", 1_710_000_000), ("VWS", 1_000_000_000)]
    # --year is the document's budget year, as in `rbtool search --year`
    assert len(filter_measures(measures_2020, year=2020)) == len(measures_2020)
    assert filter_measures(measures_2020, ministeries=["FIN"], year=2021) == []


def test_summarize_one_row_per_ministry(measures_2020):
    truth = load_truth("analyse-rijksbegroting-2020.truth.json")
    bullets = [b for b in truth["blocks"] if b.get("ministerie")]
    rows = {r["ministerie"]: r for r in summarize(measures_2020)}
    assert list(rows) == list(dict.fromkeys(b["ministerie"] for b in bullets))  # in document order
    for code, row in rows.items():
        mine = [b for b in bullets if b["ministerie"] == code]
        assert row["measures"] == len(mine)
        assert row["with_amounts"] == sum(1 for b in mine if b["amounts"])
        assert row["pages"] == f"{min(b['page'] for b in mine)}–{max(b['page'] for b in mine)}"
    assert rows["BZK"]["ministerie_naam"] == "Binnenlandse Zaken en Koninkrijksrelaties"


# The 2020 budget totals per ministry, added up by hand from the measures' sentences (tests/data/amount_labels.json
# says which amount is which): (budget_eur, budget_per_year_eur).
BUDGET_2020 = {
    "FIN": (0, 0),  # EMU balance and the Rijk's underspending are macro figures, the funds' accres are changes
    "BZK": (2_250_000_000, 100_000_000),  # woningbouwimpuls 1 mld + structureel 100 mln per jaar + Groningen 1,15 mld
    "IenW": (1_126_800_000, 0),  # 100 + 100 + 75 + 100 + 7 + 400 + 150 + 80 + 16 + 38,8 + 60 mln
    "EZK": (1_710_000_000, 10_000_000),  # Invest-NL 1,7 mld once + 10 mln jaarlijks; Groningen is counted at BZK
    "SZW": (854_800_000, 210_000_000),  # 10 structureel + vier keer 200 (200 per year) + 500 + 35 + 80 + 20 + 9,8
    "OCW": (1_025_450_000, 160_000_000),  # 21,2 + 270 + 333,5 + 100 + 11,75 + 130 + 60 + 29 + 60 + 10; not the 4
    #                                       mln "hiervan" nor the proposed 100 mln
    "VWS": (1_007_000_000, 0),  # jeugdzorg 1 mld + 7 mln; not 50.000 euro per patient, 40 mln per medicine, 1 euro
    "JenV": (229_000_000, 95_000_000),  # jaarlijks circa 95 mln + 134 mln asielketen
}


def _budgets(measures):
    rows = {r["ministerie"]: (r["budget_eur"], r["budget_per_year_eur"]) for r in summarize(measures)}
    return {code: totals for code, totals in rows.items() if totals != (0, 0) or code == "FIN"}


def test_budget_totals_per_ministry_of_2020_checked_by_hand(measures_2020):
    assert _budgets(measures_2020) == BUDGET_2020


def test_budget_totals_of_the_extracted_sample_are_the_same(sample_document):
    """From the PDF as rbtool extracts it, not only from the truth: the same totals."""
    assert _budgets(build_measures(sample_document)) == BUDGET_2020


def test_measure_to_row_is_json_ready(measures_2020):
    m = next(m for m in measures_2020 if any(a.eur is None for a in m.amounts))  # "17,50 dollar"
    row = json.loads(json.dumps(measure_to_row(m)))
    assert list(row) == ["doc", "year", "ministerie", "ministerie_naam", "theme", "text", "subitems", "amounts",
                         "budget_eur", "budget_per_year_eur", "years", "section", "page", "page_label"]
    assert {"raw": "17,50 dollar", "eur": None, "role": "per_unit", "period": None, "qualifiers": []} in row["amounts"]
    assert row["budget_eur"] == sum(a["eur"] for a in row["amounts"] if a["role"] == "budget")


# ------------------------------------------------------------------------------------------- real extraction

def test_measures_of_the_extracted_sample(request):
    pytest.importorskip("rbtool.extract")
    sample_document = request.getfixturevalue("sample_document")
    report_and_check(build_measures(sample_document), load_truth("analyse-rijksbegroting-2020.truth.json"),
                     "the extracted sample")


def test_budget_tables_are_not_measures():
    """One page of the Rijksbegroting 2019 (chapter I, De Koning): prose and "bedragen x € 1.000" tables."""
    extract = pytest.importorskip("rbtool.extract")
    doc = extract.extract_document(PDFS / "rijksbegroting-2019-hoofdstuk-I-de-koning.pdf")
    assert build_measures(doc) == []
