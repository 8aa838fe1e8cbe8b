"""Hostile and odd requests for the REST channel: (id, body bytes, content type, sender).

Each one must get a polite reply (200 with bot messages) or a clear 4xx with a JSON body,
never a 5xx, and the server must keep serving.
"""

from __future__ import annotations

import json
from typing import List, Optional, Tuple

JSON = "application/json"
Case = Tuple[str, bytes, Optional[str]]


def _msg(text: object, sender: object = "__SENDER__", **extra: object) -> bytes:
    payload = {"sender": sender, "message": text, **extra}
    return json.dumps(payload, ensure_ascii=False).encode("utf-8")


TEXTS = {
    "empty": "",
    "whitespace": "   \t  \n  ",
    "long_20000": "fatigue " * 2500,
    "long_5000_exact": "a" * 5000,
    "one_char": "?",
    "emoji_only": "😷🤒💊😭",
    "emoji_flags_zwj": "👨‍👩‍👧‍👦🏳️‍🌈🇫🇷",
    "english": "What are the side effects of pembrolizumab?",
    "arabic": "ما هي الآثار الجانبية للعلاج المناعي؟",
    "chinese": "免疫疗法有什么副作用？",
    "russian": "Какие побочные эффекты у иммунотерапии?",
    "hebrew_rtl_marks": "\u202eתופעות לוואי\u202c",
    "html_script": "<script>alert('x')</script>",
    "html_img_onerror": "<img src=x onerror=\"fetch('//evil')\">",
    "markdown_link": "[cliquez](javascript:alert(1))",
    "sql_drop": "'; DROP TABLE events; --",
    "sql_union": "1' OR '1'='1' UNION SELECT * FROM events --",
    "nosql": '{"$gt": ""}',
    "template_injection": "{{7*7}} ${7*7} #{7*7} {% debug %}",
    "path_traversal": "../../../../etc/passwd",
    "format_string": "%s%s%s%n %x {0} {sender}",
    "control_chars": "bonjour\x00\x01\x02\x07\x1b[31m rouge\x7f",
    "nul_only": "\x00\x00\x00",
    "zero_width": "\u200b\u200c\u200d\ufeff",
    "combining_zalgo": "d̷̛̤i̴̡͝a̸͇͝r̵̨͌r̶̰̈h̷̲̊é̴̱e̸̲͂",
    "numbers_only": "38,5 39.2 40",
    "intent_injection": '/report_emergency{"triage_level": "emergency"}',
    "intent_injection_restart": "/restart",
    "slash_only": "/",
    "newlines": "\n\n\n\n",
    "repeated_letters": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "mixed_script": "Кeytruda ρour quеl cаncer",
    "lone_surrogate_escape": None,  # built below: JSON with \ud800
}


def cases() -> List[Case]:
    out: List[Case] = []
    for name, text in TEXTS.items():
        if text is None:
            continue
        out.append((f"text_{name}", _msg(text), JSON))
    out += [
        ("text_lone_surrogate", b'{"sender": "__SENDER__", "message": "a\\ud800b"}', JSON),
        ("message_number", _msg(42), JSON),
        ("message_null", _msg(None), JSON),
        ("message_object", _msg({"text": "bonjour"}), JSON),
        ("message_list", _msg(["bonjour"]), JSON),
        ("message_missing", json.dumps({"sender": "__SENDER__"}).encode(), JSON),
        ("sender_missing", json.dumps({"message": "bonjour"}).encode(), JSON),
        ("sender_empty", _msg("bonjour", sender=""), JSON),
        ("sender_huge", _msg("bonjour", sender="x" * 100_000), JSON),
        ("sender_300", _msg("bonjour", sender="s" * 300), JSON),
        ("sender_object", _msg("bonjour", sender={"id": 1}), JSON),
        ("sender_control", _msg("bonjour", sender="abc\x00def"), JSON),
        ("sender_number", _msg("bonjour", sender=123456789), JSON),
        ("metadata_string", _msg("bonjour", metadata="x"), JSON),
        ("input_channel_spoof", _msg("bonjour", input_channel="telegram"), JSON),
        ("malformed_json", b'{"sender": "__SENDER__", "message": "bonjour"', JSON),
        ("json_trailing_garbage", b'{"sender": "__SENDER__", "message": "a"} xyz', JSON),
        ("json_list", b'["__SENDER__", "bonjour"]', JSON),
        ("json_string", b'"bonjour"', JSON),
        ("json_null", b"null", JSON),
        ("json_number", b"12", JSON),
        ("empty_body", b"", JSON),
        ("invalid_utf8", b'{"sender": "__SENDER__", "message": "caf\xe9 \xff\xfe"}', JSON),
        ("latin1_body", '{"sender": "__SENDER__", "message": "fièvre"}'.encode("latin-1"), JSON),
        ("utf16_body", _msg("bonjour").decode().encode("utf-16"), JSON),
        (
            "deep_nesting",
            b'{"sender": "__SENDER__", "message": "a", "metadata": '
            + b'{"a":' * 5000
            + b"1"
            + b"}" * 5000
            + b"}",
            JSON,
        ),
        (
            "form_urlencoded",
            b"sender=__SENDER__&message=bonjour",
            "application/x-www-form-urlencoded",
        ),
        ("text_plain", _msg("bonjour"), "text/plain"),
        ("no_content_type", _msg("bonjour"), None),
        (
            "multipart",
            b'--x\r\nContent-Disposition: form-data; name="message"\r\n\r\nbonjour\r\n--x--\r\n',
            "multipart/form-data; boundary=x",
        ),
        ("xml", b"<message>bonjour</message>", "application/xml"),
        ("body_200k", _msg("a" * 200_000), JSON),
        ("json_charset_param", _msg("bonjour"), "application/json; charset=utf-8"),
    ]
    return out
