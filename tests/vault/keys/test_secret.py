"""Keys and passphrases in memory: buffers that are overwritten, and the hex form built in one."""

from __future__ import annotations

from peerdesk.vault.keys.secret import (
    from_hex,
    random_key,
    to_hex,
    wipe,
    wipe_bytes,
    wipe_str,
)


def test_a_key_is_random_and_its_hex_form_round_trips_through_buffers() -> None:
    first, second = random_key(), random_key()
    assert isinstance(first, bytearray) and len(first) == 32 and first != second
    digits = to_hex(first)
    assert isinstance(digits, bytearray) and digits.decode() == bytes(first).hex()
    assert from_hex(digits) == first
    assert from_hex(digits.decode().upper()) == first
    assert from_hex("abc") is None and from_hex("zz") is None


def test_wiping_overwrites_the_objects_themselves() -> None:
    key = random_key()
    wipe(key)
    assert key == bytearray(32)
    data = bytes(bytearray(b"a secret of some length"))
    wipe_bytes(data)
    assert data == bytes(len(data))
    for parts in (["pass", "phrase"], ["caf", "é latte"], ["snow", "man ☃"],
                  ["emoji ", "😀 face"]):
        text = "".join(parts)   # a fresh string that only this test holds
        if not text.isascii():
            text.encode("utf-8")  # a cached UTF-8 form is wiped too
        length = len(text)
        wipe_str(text)
        assert len(text) == length and set(text) == {"\0"}


def test_what_something_else_still_holds_is_left_alone() -> None:
    kept = {"value": "".join(["still", " needed"])}
    held = kept["value"]
    wipe_str(held)
    assert kept["value"] == "still needed"
    one = "x"
    wipe_str(one)
    assert one == "x"
