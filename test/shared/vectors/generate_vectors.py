#!/usr/bin/env python3
"""Regenerates the signature vectors with Python's hmac module: an implementation independent of
the TypeScript code under test, so the vectors check it rather than echo it.

    python3 test/shared/vectors/generate_vectors.py
"""
import base64
import hashlib
import hmac
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))

CURRENT = "vv_test_current_3f9a1c2e7b"
PREVIOUS = "vv_test_previous_81d4e6a0c5"
WRONG = "vv_test_unrelated_0000000000"
HOOK = "wh_0123456789abcdef"
JSON_BODY = '{"id":"evt_1","event":"prompt_run.completed","data":{"run_id":"run_123"},"api_version":"2024-01","created_at":"2026-04-20T10:00:00Z"}'
# Decomposed e + combining acute, NBSP, emoji, an escaped \u sequence, tabs/CRLF between tokens and
# trailing spaces: any normalisation or re-serialisation changes the bytes.
UNICODE_BODY = '{\r\n\t"title": "Cafe\u0301 \u00e9t\u00e9 \U0001F3AC",\r\n\t"note": "\\u00e9 line1\\r\\nline2\u00a0"\r\n}  \n'


def api_sig(secret, body):
    return "sha256=" + hmac.new(secret.encode(), body.encode(), hashlib.sha256).hexdigest()


def api_case(name, body, signature, expected, secrets=(CURRENT,), hook_header=HOOK, expected_hook=HOOK):
    case = {"name": name, "secrets": list(secrets), "signature_header": signature,
            "webhook_id_header": hook_header, "expected_webhook_id": expected_hook, "expected": expected}
    case["body_base64"] = base64.b64encode(body.encode()).decode()
    return case


def api_vectors():
    good = api_sig(CURRENT, JSON_BODY)
    reserialised = json.dumps(json.loads(UNICODE_BODY))
    return [
        api_case("valid", JSON_BODY, good, {"ok": True, "secretIndex": 0}),
        api_case("valid, upper-case hex", JSON_BODY, "sha256=" + good[7:].upper(), {"ok": True, "secretIndex": 0}),
        api_case("valid, empty body", "", api_sig(CURRENT, ""), {"ok": True, "secretIndex": 0}),
        api_case("previous secret inside rotation overlap", JSON_BODY, api_sig(PREVIOUS, JSON_BODY),
                 {"ok": True, "secretIndex": 1}, secrets=(CURRENT, PREVIOUS)),
        api_case("exact bytes with unicode and whitespace", UNICODE_BODY, api_sig(CURRENT, UNICODE_BODY),
                 {"ok": True, "secretIndex": 0}),
        api_case("re-serialised JSON is not the signed body", reserialised, api_sig(CURRENT, UNICODE_BODY),
                 {"ok": False, "reason": "signature_mismatch"}),
        api_case("tampered body", JSON_BODY.replace("run_123", "run_124"), good,
                 {"ok": False, "reason": "signature_mismatch"}),
        api_case("wrong secret", JSON_BODY, api_sig(WRONG, JSON_BODY), {"ok": False, "reason": "signature_mismatch"}),
        api_case("previous secret after overlap ended", JSON_BODY, api_sig(PREVIOUS, JSON_BODY),
                 {"ok": False, "reason": "signature_mismatch"}),
        api_case("wrong webhook id", JSON_BODY, good, {"ok": False, "reason": "webhook_id_mismatch"},
                 hook_header="wh_someone_else"),
        api_case("missing signature header", JSON_BODY, None, {"ok": False, "reason": "missing_signature"}),
        api_case("missing webhook id header", JSON_BODY, good, {"ok": False, "reason": "missing_webhook_id"},
                 hook_header=None),
        api_case("malformed: no sha256= prefix", JSON_BODY, good[7:], {"ok": False, "reason": "malformed_signature"}),
        api_case("malformed: other algorithm", JSON_BODY, "sha1=" + good[7:47],
                 {"ok": False, "reason": "malformed_signature"}),
        api_case("malformed: truncated hex", JSON_BODY, good[:-2], {"ok": False, "reason": "malformed_signature"}),
        api_case("malformed: not hex", JSON_BODY, "sha256=" + "z" * 64, {"ok": False, "reason": "malformed_signature"}),
        api_case("no secrets configured", JSON_BODY, good, {"ok": False, "reason": "no_secrets"}, secrets=()),
    ]


SW_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
SW_OLD = "whsec_" + base64.b64encode(b"previous-standard-webhooks-key!!").decode()
SW_WRONG = "whsec_" + base64.b64encode(b"an-unrelated-standard-key-000000").decode()
NOW = 1614265330


def sw_sig(secret, msg_id, ts, body):
    key = base64.b64decode(secret[len("whsec_"):])
    mac = hmac.new(key, f"{msg_id}.{ts}.".encode() + body.encode(), hashlib.sha256).digest()
    return "v1," + base64.b64encode(mac).decode()


def sw_case(name, body, headers, expected, secrets=(SW_SECRET,), now=NOW):
    return {"name": name, "secrets": list(secrets), "headers": headers, "now_seconds": now,
            "body_base64": base64.b64encode(body.encode()).decode(), "expected": expected}


def sw_vectors():
    body = '{"test": 2432232314}'
    mid = "msg_p5jXN8AQM9LWM0D4loKWxJek"

    def headers(sig, ts=NOW, msg_id=mid):
        out = {}
        if msg_id is not None:
            out["webhook-id"] = msg_id
        if ts is not None:
            out["webhook-timestamp"] = str(ts)
        if sig is not None:
            out["webhook-signature"] = sig
        return out

    good = sw_sig(SW_SECRET, mid, NOW, body)
    ok = {"ok": True, "secretIndex": 0}
    bogus = "v1," + base64.b64encode(b"\x00" * 32).decode()
    return [
        # The example from the Standard Webhooks specification (interoperability check).
        sw_case("spec example", body, headers(good), ok),
        sw_case("multiple signatures, second matches", body, headers(f"{bogus} {good}"), ok),
        sw_case("other signature versions are skipped", body, headers(f"v1a,{base64.b64encode(b'x' * 64).decode()} {good}"), ok),
        sw_case("rotated-out secret still accepted", body, headers(sw_sig(SW_OLD, mid, NOW, body)),
                {"ok": True, "secretIndex": 1}, secrets=(SW_SECRET, SW_OLD)),
        sw_case("exact bytes with unicode and whitespace", UNICODE_BODY,
                headers(sw_sig(SW_SECRET, mid, NOW, UNICODE_BODY)), ok),
        sw_case("timestamp exactly at tolerance", body, headers(sw_sig(SW_SECRET, mid, NOW - 300, body), NOW - 300), ok),
        sw_case("tampered body", body.replace("2432232314", "2432232315"), headers(good),
                {"ok": False, "reason": "signature_mismatch"}),
        sw_case("wrong secret", body, headers(sw_sig(SW_WRONG, mid, NOW, body)), {"ok": False, "reason": "signature_mismatch"}),
        sw_case("id not the signed one", body, headers(good, msg_id="msg_other"), {"ok": False, "reason": "signature_mismatch"}),
        sw_case("timestamp not the signed one", body, headers(good, ts=NOW + 1), {"ok": False, "reason": "signature_mismatch"}),
        sw_case("stale timestamp", body, headers(sw_sig(SW_SECRET, mid, NOW - 301, body), NOW - 301),
                {"ok": False, "reason": "timestamp_too_old"}),
        sw_case("future timestamp", body, headers(sw_sig(SW_SECRET, mid, NOW + 301, body), NOW + 301),
                {"ok": False, "reason": "timestamp_in_future"}),
        sw_case("malformed timestamp", body, headers(good, ts="16142653a0"), {"ok": False, "reason": "malformed_timestamp"}),
        sw_case("missing id header", body, headers(good, msg_id=None), {"ok": False, "reason": "missing_headers"}),
        sw_case("missing timestamp header", body, headers(good, ts=None), {"ok": False, "reason": "missing_headers"}),
        sw_case("missing signature header", body, headers(None), {"ok": False, "reason": "missing_headers"}),
        sw_case("malformed signature header", body, headers(good.replace(",", "")), {"ok": False, "reason": "malformed_signature"}),
        sw_case("signature not base64", body, headers("v1,@@@@"), {"ok": False, "reason": "signature_mismatch"}),
        sw_case("no secrets configured", body, headers(good), {"ok": False, "reason": "no_secrets"}, secrets=()),
    ]


def write(name, cases):
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as out:
        json.dump({"generated_by": "test/shared/vectors/generate_vectors.py", "cases": cases}, out, indent=2, ensure_ascii=False)
        out.write("\n")


write("api-signature.json", api_vectors())
write("standard-webhooks.json", sw_vectors())
