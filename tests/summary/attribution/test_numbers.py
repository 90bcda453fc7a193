"""Phone numbers, email addresses, NHS numbers, postcodes, addresses and handles."""

from __future__ import annotations

import pytest

from peerdesk.summary.attribution.hits import HitCategory
from peerdesk.summary.attribution.numbers import find_numbers

PH = HitCategory.PHONE
E = HitCategory.EMAIL
NHS = HitCategory.NHS_NUMBER
PC = HitCategory.POSTCODE
A = HitCategory.ADDRESS
H = HitCategory.HANDLE


@pytest.mark.parametrize(("text", "term", "category"), [
    ("Ring 07700 900123 today", "07700 900123", PH),
    ("Ring 07700-900-123 today", "07700-900-123", PH),
    ("Ring 07700900123 today", "07700900123", PH),
    ("Call +44 7700 900123", "+44 7700 900123", PH),
    ("Call +44 (0)20 7946 0958 now", "+44 (0)20 7946 0958", PH),
    ("Call +44(0)7700 900222 now", "+44(0)7700 900222", PH),
    ("From abroad 0044 20 7946 0958", "0044 20 7946 0958", PH),
    ("Direct 0044 (0) 161 496 0000", "0044 (0) 161 496 0000", PH),
    ("Office (0121) 496 0000", "(0121) 496 0000", PH),
    ("Freephone 0800 123 4567", "0800 123 4567", PH),
    ("Ext. 4567 for the ward", "Ext. 4567", PH),
    ("Write to jo.bloggs@nhs.net", "jo.bloggs@nhs.net", E),
    ("Write to jo dot bloggs at nhs dot net", "jo dot bloggs at nhs dot net", E),
    ("Write to name at northshire dot gov dot uk", "name at northshire dot gov dot uk", E),
    ("Write to kate (at) eastbrook (dot) nhs (dot) uk", "kate (at) eastbrook (dot) nhs (dot) uk",
     E),
    ("Write to m.w [at] nhs [dot] net", "m.w [at] nhs [dot] net", E),
    ("NHS number 943 476 5919", "943 476 5919", NHS),
    ("Patient 9434765870 discussed", "9434765870", NHS),
    ("NHS no. 123 456 7890 (mistyped)", "123 456 7890", NHS),
    ("The hub moved to NG5 1PB.", "NG5 1PB", PC),
    ("Post it to SW1A 1AA", "SW1A 1AA", PC),
    ("She lives at 14 Acacia Avenue", "14 Acacia Avenue", A),
    ("At 3 Mill Lane, Eastbrook", "3 Mill Lane", A),
    ("The family in Flat 4 complained", "Flat 4", A),
    ("Follow @jbarker_nhs for news", "@jbarker_nhs", H),
])
def test_found(text: str, term: str, category: HitCategory) -> None:
    found = [(text[f.start:f.end], f.category) for f in find_numbers(text)]
    assert (term, category) in found, found


@pytest.mark.parametrize("text", [
    "On 03/03/2026 we saw £1,234,567 of spending.",
    "The 2024/25 budget is £12.5m, a 3.2% rise.",
    "There were 1,200 staff and 450 volunteers over 18 months.",
    "Call 111 or 999 in an emergency.",
    "Reference QE-2025-0341 is the business case.",
    "Ward 12 has 28 beds; 1 in 5 residents is a carer.",
    "Scores of 1234567890 are not NHS numbers when the check digit is wrong.",
    "We met at the hospital. Dot points were used.",
    "3 priorities and 12 Key Actions; Phase 3 Park and Ride",
    "The M62 corridor and the A1 carry the traffic.",
])
def test_not_found(text: str) -> None:
    assert find_numbers(text) == []
