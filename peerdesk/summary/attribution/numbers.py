"""Numbers and addresses that reach a person: phone numbers (Google's libphonenumber, UK
by default, every way of writing one: 07700 900123, +44 (0)20 7946 0958, 0044 161 496
0000), extensions, email addresses (also written "jo dot bloggs at nhs dot net"), NHS
numbers (with their check digit), postcodes, street addresses and social media handles.

The libraries are imported when first needed, so starting the command line stays quick."""

from __future__ import annotations

import re

from peerdesk.summary.attribution.hits import Found, HitCategory

_DIGITS = re.compile(r"\d")
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
_OPEN, _CLOSE = r"[\s(\[{<]*", r"[\s)\]}>]*"
_PART = r"[A-Za-z0-9][\w+-]*"
_SPELT_EMAIL = re.compile(
    rf"(?<![\w.+-])(?P<local>{_PART}(?:{_OPEN}(?:dot|DOT|Dot|\.){_CLOSE}{_PART})*)"
    rf"{_OPEN}(?:at|AT|At|@){_CLOSE}"
    rf"(?P<domain>{_PART}(?:{_OPEN}(?:dot|DOT|Dot|\.){_CLOSE}{_PART})+)(?![\w-])")
_SPELT_DOT = re.compile(r"[\s(\[{<]*(?:dot|DOT|Dot|\.)[\s)\]}>]*")
_EXTENSION = re.compile(r"(?<!\w)(?:(?:ext(?:ension|n)?\.?|bleep|pager)\s*:?\s*\d{3,6}|x\d{4,5})"
                        r"(?!\d)", re.IGNORECASE)
_NHS = re.compile(r"(?<![\d-])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\d-])")
_NHS_LABEL = re.compile(r"nhs\s*(?:no\.?|number|num|#)\s*:?\s*$", re.IGNORECASE)
_POSTCODE = re.compile(
    r"(?<![\w-])(?:GIR ?0AA|(?:[A-PR-UWYZ][0-9]{1,2}|[A-PR-UWYZ][A-HK-Y][0-9]{1,2}"
    r"|[A-PR-UWYZ][0-9][A-HJKPSTUW]|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY])"
    r" ?[0-9][ABD-HJLNP-UW-Z]{2})(?![\w-])")
_STREET_WORDS = (r"Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Close|Cl|Drive|Dr|Crescent|Cres"
                 r"|Way|Gardens|Gdns|Terrace|Tce|Place|Pl|Court|Ct|Grove|Gr|Row|Walk|Square"
                 r"|Sq|Mews|Parade|Rise|View|Hill|Park|Green|Vale|Boulevard|Wharf|Quay")
_ADDRESS = re.compile(
    rf"(?<![\w£$.,/-])(?:(?:Flat|Apartment|Apt|Unit)\s+\d+[A-Za-z]?,?\s+)?\d{{1,4}}[A-Za-z]?"
    rf",?\s+(?:[A-Z][\w'’-]+\s+){{1,3}}(?:{_STREET_WORDS})\b\.?")
_FLAT = re.compile(r"(?<!\w)(?:Flat|Apartment|Apt)\s+\d+[A-Za-z]?\b")
_HANDLE = re.compile(r"(?<![\w.@])@[A-Za-z_][A-Za-z0-9_]{2,29}(?![\w@.])")


def _valid_email(address: str) -> bool:
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


def _emails(text: str) -> list[Found]:
    out = [Found(m.start(), m.end(), HitCategory.EMAIL, "an email address")
           for m in _EMAIL.finditer(text)]
    for m in _SPELT_EMAIL.finditer(text):
        if "@" in m.group(0) and not re.search(r"\s|dot|DOT|\(|\[", m.group(0)):
            continue  # an ordinary address: found above
        spelt_out = re.search(r"\b(?:at|AT|At)\b|\b(?:dot|DOT|Dot)\b", m.group(0))
        if spelt_out is None:
            continue
        local = _SPELT_DOT.sub(".", m.group("local"))
        domain = _SPELT_DOT.sub(".", m.group("domain"))
        if _valid_email(f"{local}@{domain}"):
            out.append(Found(m.start(), m.end(), HitCategory.EMAIL,
                             "an email address written out in words"))
    return out


def _phones(text: str) -> list[Found]:
    import phonenumbers

    out: list[Found] = []
    for match in phonenumbers.PhoneNumberMatcher(text, "GB",
                                                 leniency=phonenumbers.Leniency.POSSIBLE):
        digits = len(_DIGITS.findall(match.raw_string))
        if digits < 10 or not match.raw_string.lstrip("( ").startswith(("0", "+")):
            continue   # a UK number is written from its 0, or from +44 / 0044
        start = match.start
        if match.raw_string.startswith("(") and ")" not in match.raw_string:
            start += 1   # "(07700 900123)": the bracket is the sentence's, not the number's
        out.append(Found(start, match.end, HitCategory.PHONE, "a phone number"))
    for m in _EXTENSION.finditer(text):
        out.append(Found(m.start(), m.end(), HitCategory.PHONE,
                         "a phone extension or bleep number"))
    return out


def _nhs_numbers(text: str) -> list[Found]:
    from stdnum.gb import nhs

    out = []
    for m in _NHS.finditer(text):
        digits = "".join(m.groups())
        labelled = _NHS_LABEL.search(text[max(0, m.start() - 20):m.start()]) is not None
        if nhs.is_valid(digits):
            out.append(Found(m.start(), m.end(), HitCategory.NHS_NUMBER,
                             "ten digits with a valid NHS number check digit"))
        elif labelled:
            out.append(Found(m.start(), m.end(), HitCategory.NHS_NUMBER,
                             "a number written as an NHS number"))
    return out


def find_numbers(text: str) -> list[Found]:
    """Every phone number, extension, email, NHS number, postcode, address and handle."""
    out: list[Found] = []
    if "@" in text or " at " in text.lower() or "(at)" in text.lower() or "[at]" in text.lower():
        out += _emails(text)
    digit_count = len(_DIGITS.findall(text))
    if digit_count >= 10:
        out += _phones(text)
        out += _nhs_numbers(text)
    elif digit_count >= 3:
        out += [Found(m.start(), m.end(), HitCategory.PHONE,
                      "a phone extension or bleep number")
                for m in _EXTENSION.finditer(text)]
    if digit_count:
        out += [Found(m.start(), m.end(), HitCategory.ADDRESS, "a house number and street")
                for m in _ADDRESS.finditer(text)]
        out += [Found(m.start(), m.end(), HitCategory.ADDRESS, "a flat number")
                for m in _FLAT.finditer(text)]
    if digit_count >= 2:
        out += [Found(m.start(), m.end(), HitCategory.POSTCODE, "a UK postcode")
                for m in _POSTCODE.finditer(text)]
    if "@" in text:
        taken = [(f.start, f.end) for f in out if f.category == HitCategory.EMAIL]
        out += [Found(m.start(), m.end(), HitCategory.HANDLE, "a social media handle")
                for m in _HANDLE.finditer(text)
                if not any(s <= m.start() < e for s, e in taken)]
    return out
